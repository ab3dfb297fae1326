package com.polaris.kat.projection.web;

import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.ParameterCustomizer;
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

    /** What each of {@link #NUMBERS} means, for a parameter without a description of its own (README, "Read your writes"). */
    private static final Map<String, String> MEANINGS = Map.of(
            "minPosition", "Read your writes: a command's KAT-Event-Position; the answer waits until every view this query reads"
                    + " includes that write (at most 5 s, then 503 projection-behind with Retry-After); a position beyond the store's"
                    + " newest event is 400 invalid-query. Without it the views answer as they are.",
            "page", "The page, from 0 (default 0).",
            "size", "Items per page, 1 to " + PageParams.MAX_SIZE + " (default " + PageParams.DEFAULT_SIZE + ").");

    /**
     * Retypes the query parameters named in {@link #NUMBERS}, wherever springdoc describes one (SpringDoc's per-parameter
     * hook), and describes them where the operation does not (a fresh reviewer found them undescribed on most queries).
     */
    @Bean
    ParameterCustomizer katQueryNumbers() {
        return (parameter, method) -> {
            Schema<?> number = parameter == null ? null : NUMBERS.get(parameter.getName());
            if (number != null && "query".equals(parameter.getIn())) {
                parameter.setSchema(number);
                if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
                    parameter.setDescription(MEANINGS.get(parameter.getName()));
                }
            }
            return parameter;
        };
    }
}
