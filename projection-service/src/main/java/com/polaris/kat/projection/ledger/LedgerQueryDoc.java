package com.polaris.kat.projection.ledger;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The ledger queries' {@code type} parameter is documented with the entry types it accepts ({@link LedgerQueries#TYPES},
 * the one list the query checks; anything else is 400 invalid-query): it had been a free string in the description
 * (a fresh reviewer's finding, 2026-12-01).
 */
@Configuration
public class LedgerQueryDoc {

    /** Sets the {@code type} query parameter of every {@code /api/ledger/} operation to the ledger's entry types. */
    @Bean
    OpenApiCustomizer katLedgerEntryTypes() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
                if (!path.getKey().startsWith("/api/ledger/")) {
                    continue;
                }
                for (Operation op : path.getValue().readOperations()) {
                    for (Parameter p : op.getParameters() == null ? java.util.List.<Parameter>of() : op.getParameters()) {
                        if ("query".equals(p.getIn()) && "type".equals(p.getName())) {
                            StringSchema types = new StringSchema();
                            LedgerQueries.TYPES.stream().sorted().forEach(types::addEnumItem);
                            p.setSchema(types);
                            p.setDescription("only entries of this type");
                        }
                    }
                }
            }
        };
    }
}
