package com.polaris.kat.enrollment.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The OpenAPI description names {@value CommandSender#POSITION_HEADER} on every success response of every command
 * (POST, PUT, PATCH, DELETE): {@link CommandSender} sets it on each accepted command's answer, a repeat included, so a
 * client reads its write with {@code ?minPosition=} on the projection service (README, "Read your writes"). It had
 * been documented in the README only (a fresh reviewer's finding, 2026-12-01).
 */
@Configuration
public class EventPositionHeaderDoc {

    /** Adds the header to the 2xx responses of command operations. */
    @Bean
    OpenApiCustomizer katEventPositionHeader() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            for (PathItem path : openApi.getPaths().values()) {
                for (Operation op : commands(path)) {
                    if (op.getResponses() == null) {
                        continue;
                    }
                    op.getResponses().forEach((status, response) -> {
                        if (status.startsWith("2")) {
                            response.addHeaderObject(CommandSender.POSITION_HEADER, new Header()
                                    .description("The event-store position of the events this command wrote (or, for a repeat, "
                                            + "of the streams it names): pass it as ?minPosition= to the projection service to "
                                            + "read this write. Absent when no position is known.")
                                    .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)));
                        }
                    });
                }
            }
        };
    }

    private static List<Operation> commands(PathItem path) {
        return java.util.stream.Stream.of(path.getPost(), path.getPut(), path.getPatch(), path.getDelete())
                .filter(java.util.Objects::nonNull).toList();
    }
}
