package com.polaris.kat.projection.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The OpenAPI description types the query numbers as what they are: {@code minPosition} (a command's
 * {@code KAT-Event-Position}, 0 or more), {@code page} (from 0) and {@code size} (1 to {@value PageParams#MAX_SIZE}, default
 * {@value PageParams#DEFAULT_SIZE}). The controllers take them as text so that anything else is this service's own
 * {@code 400 invalid-query} with a detail naming the range ({@link BadQuery#wholeNumber}); the description had typed them
 * as strings (a fresh reviewer's finding, 2026-12-01).
 */
@Configuration
public class QueryNumbersDoc {

    private static final Map<String, Schema<?>> NUMBERS = Map.of(
            "minPosition", new IntegerSchema().format("int64").minimum(BigDecimal.ZERO),
            "page", new IntegerSchema().minimum(BigDecimal.ZERO)._default(0),
            "size", new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(PageParams.MAX_SIZE))._default(PageParams.DEFAULT_SIZE));

    /** Retypes the query parameters named in {@link #NUMBERS} on every operation. */
    @Bean
    OpenApiCustomizer katQueryNumbers() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            for (PathItem path : openApi.getPaths().values()) {
                for (Operation op : path.readOperations()) {
                    if (op.getParameters() == null) {
                        continue;
                    }
                    for (Parameter p : op.getParameters()) {
                        Schema<?> number = NUMBERS.get(p.getName());
                        if ("query".equals(p.getIn()) && number != null) {
                            p.setSchema(number);
                        }
                    }
                }
            }
        };
    }
}
