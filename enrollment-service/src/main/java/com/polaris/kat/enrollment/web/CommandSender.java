package com.polaris.kat.enrollment.web;

import com.polaris.kat.security.CorrelationFilter;

import com.polaris.kat.eventstore.RequestMetadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Response header: the event-store position a query can ask for with {@code minPosition}. */
    public static final String POSITION_HEADER = "KAT-Event-Position";

    private final CommandGateway commands;
    private final NamedParameterJdbcTemplate jdbc;
    private final EventStore eventStore;
    private final boolean axonServer;
    private final AnnotationCommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    public CommandSender(CommandGateway commands, NamedParameterJdbcTemplate jdbc, EventStore eventStore,
                         @Value("${axon.axonserver.enabled:false}") boolean axonServer) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.axonServer = axonServer;
    }

    /**
     * Sends the command; on success the response carries, in {@value #POSITION_HEADER}, the highest
     * event-store position of the streams it wrote to (its target aggregate and any named here).
     */
    public <R> R sendWritingTo(Object command, String reason, String... alsoWrittenStreams) {
        R result = dispatch(command, reason);
        List<String> streams = new ArrayList<>(List.of(alsoWrittenStreams));
        try {
            streams.add(targets.resolveTarget(GenericCommandMessage.asCommandMessage(command)).getIdentifier());
        } catch (IllegalArgumentException noAnnotatedTarget) {
            // the caller named the streams
        }
        if (!streams.isEmpty()) {
            Long position = writtenPosition(streams);
            HttpServletResponse response = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getResponse();
            if (position != null && response != null) {
                response.setHeader(POSITION_HEADER, position.toString());
            }
        }
        return result;
    }

    /**
     * PostgreSQL store: the newest event of the streams written. Axon Server: the store's head once
     * the command completed, which is at or after its events (a query waits for a little more).
     */
    private Long writtenPosition(List<String> streams) {
        if (axonServer) {
            TrackingToken head = eventStore.createHeadToken();
            return head == null ? null : head.position().stream().boxed().findFirst().orElse(null);
        }
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier IN (:ids)",
                Map.of("ids", streams), Long.class);
    }

    private static HttpServletRequest request() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }

    public <R> R send(Object command) {
        return sendWritingTo(command, null);
    }

    public <R> R send(Object command, String reason) {
        return sendWritingTo(command, reason);
    }

    private <R> R dispatch(Object command, String reason) {
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

    /** The authenticated caller (every command endpoint requires one). */
    private static String actor(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            throw new IllegalStateException("a command reached the service without an authenticated caller");
        }
        return principal.getName();
    }
}
