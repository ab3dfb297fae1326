package com.polaris.kat.projection.ledger;

import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ledger queries' {@code type} parameter is documented with the entry types it accepts ({@link LedgerQueries#TYPES},
 * the one list the query checks; anything else is 400 invalid-query): it had been a free string in the description
 * (a fresh reviewer's finding, 2026-12-01).
 */
@Configuration
public class LedgerQueryDoc {

    /** Sets the {@code type} query parameter of {@link LedgerQueryController}'s operations to the ledger's entry types. */
    @Bean
    ParameterCustomizer katLedgerEntryTypes() {
        return (parameter, method) -> {
            if (parameter != null && method != null && method.getDeclaringClass() == LedgerQueryController.class
                    && "query".equals(parameter.getIn()) && "type".equals(parameter.getName())) {
                StringSchema types = new StringSchema();
                LedgerQueries.TYPES.stream().sorted().forEach(types::addEnumItem);
                parameter.schema(types).description(LedgerQueryController.TYPE);
            }
            return parameter;
        };
    }
}
