package com.polaris.kat.enrollment.web;

import com.polaris.kat.eventstore.RequestMetadata;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.stereotype.Component;

import java.security.Principal;

/**
 * Sends a command on behalf of the current HTTP request: who asked (the actor) and the request's
 * correlation id go into the command's metadata, and from there into every event it causes.
 */
@Component
public class CommandSender {

    private final CommandGateway commands;

    public CommandSender(CommandGateway commands) {
        this.commands = commands;
    }

    private static HttpServletRequest request() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }

    public <R> R send(Object command) {
        return send(command, null);
    }

    public <R> R send(Object command, String reason) {
        HttpServletRequest request = request();
        MetaData metaData = MetaData.with(RequestMetadata.ACTOR, actor(request))
                .and(RequestMetadata.CORRELATION_ID, MDC.get(CorrelationFilter.MDC_KEY));
        String idempotencyKey = request.getHeader(CorrelationFilter.IDEMPOTENCY_HEADER);
        if (idempotencyKey != null) {
            metaData = metaData.and(RequestMetadata.IDEMPOTENCY_KEY, idempotencyKey);
        }
        if (reason != null) {
            metaData = metaData.and(RequestMetadata.REASON, reason);
        }
        return commands.sendAndWait(command, metaData);
    }

    /**
     * The authenticated principal. Until authentication exists (issue 5) the caller names itself
     * in the X-Actor header; the value is recorded as given and marked unverified.
     */
    private static String actor(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal != null) {
            return principal.getName();
        }
        String declared = request.getHeader("X-Actor");
        return declared == null || declared.isBlank() ? "unauthenticated" : "unverified:" + declared.strip();
    }
}
