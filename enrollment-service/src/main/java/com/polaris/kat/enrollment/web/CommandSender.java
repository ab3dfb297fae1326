package com.polaris.kat.enrollment.web;

import com.polaris.kat.security.CorrelationFilter;

import com.polaris.kat.eventstore.RequestMetadata;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import com.polaris.kat.enrollment.config.CommandTargets;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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
    private final CommandTargets targets;

    private final CommandTransaction transaction;
    private final IdempotencyKeys idempotencyKeys;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final RequestFingerprint fingerprints;

    public CommandSender(CommandGateway commands, NamedParameterJdbcTemplate jdbc, EventStore eventStore,
                         @Value("${axon.axonserver.enabled:false}") boolean axonServer, CommandTransaction transaction,
                         IdempotencyKeys idempotencyKeys, com.fasterxml.jackson.databind.ObjectMapper json, RequestFingerprint fingerprints,
                         CommandTargets targets) {
        this.targets = targets;
        this.idempotencyKeys = idempotencyKeys;
        this.json = json;
        this.fingerprints = fingerprints;
        this.commands = commands;
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.axonServer = axonServer;
        this.transaction = transaction;
    }

    /**
     * An idempotency key to claim in the command's own transaction (see {@link CommandTransaction}):
     * kept only when the command succeeds.
     *
     * @param key            the scoped key as stored (e.g. {@code key:<Idempotency-Key>}), at most 200 characters
     * @param fingerprint    the request's content fingerprint ({@link RequestFingerprint})
     * @param streamId       the series the request is for
     * @param registrationId the registration id the request resolves to
     * @param endpoint       the endpoint's name: a key is scoped to it ({@code register}, {@code transfer})
     */
    public record Claim(String key, String fingerprint, String streamId, String registrationId, String endpoint, boolean once) {
        public Claim(String key, String fingerprint, String streamId, String registrationId, String endpoint) {
            this(key, fingerprint, streamId, registrationId, endpoint, false);
        }

        String encoded() {
            return String.join("\t", key, fingerprint, streamId, registrationId, endpoint, Boolean.toString(once));
        }
    }

    /**
     * Sends a command whose endpoint answers from the request alone (its result is not used), honouring
     * the request's {@code Idempotency-Key} (Stripe's semantics): the first request with a key claims it
     * in the command's transaction (kept only when the command succeeds); a repeat with the same content
     * on the same endpoint sends nothing and returns what the first request's command returned where that was kept
     * (a Boolean, String or Number; {@link IdempotencyKeys#recordOutcome}), else null, so the endpoint answers as the
     * first time (with the streams' newest position); the same key with other content or on another endpoint is 422
     * {@code idempotency-key-reused}. Without a key it is {@link #send(Object, String)}.
     *
     * @param command the command (its JSON is the request's fingerprint; its class names the endpoint)
     * @param reason  the reason recorded in the events' metadata, or null
     * @return the command handler's result; for a repeat of a key (nothing was sent), the first request's kept result or null
     */
    public <R> R sendOnce(Object command, String reason) {
        return sendOnce(command, reason, command, null);
    }

    /**
     * {@link #sendOnce(Object, String)} for a command whose result the endpoint answers with and whose request's content
     * is not the command's (the command carries what the service looked up): the key's fingerprint is taken over
     * {@code content}, and a repeat's kept result (a {@link KeptOutcome}) is read back as {@code resultType}.
     *
     * @param content    what the client sent (its JSON is the request's fingerprint, with the command's target stream)
     * @param resultType the command's result type, or null to return a repeat's kept outcome as stored
     * @throws com.polaris.kat.enrollment.rules.Refusal idempotency-key-reused (422), idempotency-key-in-use (409)
     */
    public <R> R sendOnce(Object command, String reason, Object content, Class<R> resultType) {
        String key = request().getHeader(CorrelationFilter.IDEMPOTENCY_HEADER);
        if (key == null) {
            return sendWritingTo(command, reason);
        }
        String target;
        try {
            target = targets.resolveTarget(GenericCommandMessage.asCommandMessage(command)).getIdentifier();
        } catch (IllegalArgumentException handledByAService) {
            target = null; // e.g. a make-up booking, handled by a desk that takes several streams
        }
        Claim claim = new Claim("key:" + key, fingerprints.of(target == null ? "" : target, content), target == null ? "" : target, "",
                command.getClass().getSimpleName(), true);
        java.util.Optional<IdempotencyKeys.Repeat> repeat = idempotencyKeys.repeatOf(claim.key(), claim.fingerprint(), claim.endpoint());
        if (repeat.isPresent()) {
            setPosition(storeHead());
            Object kept = repeat.get().outcome();
            if (resultType != null && kept != null) {
                return json.convertValue(kept, resultType);
            }
            @SuppressWarnings("unchecked") R first = (R) kept;
            return first;
        }
        return sendWith(command, reason, claim);
    }

    /** {@link #sendWritingTo} with an idempotency claim taken in the command's transaction (null: none). */
    public <R> R sendClaimed(Object command, Claim claim) {
        return sendWith(command, null, claim);
    }

    /** {@link #sendClaimed} with a reason recorded in the events' metadata (claim null: none). */
    public <R> R sendClaimedWithReason(Object command, String reason, Claim claim) {
        return sendWith(command, reason, claim);
    }

    /**
     * Sends the command; on success the response carries, in {@value #POSITION_HEADER}, the highest event-store
     * position of the events its transaction appended, or, when it appended none (a repeat), the store's head
     * ({@link #storeHead}).
     */
    public <R> R sendWritingTo(Object command, String reason) {
        return sendWith(command, reason, null);
    }

    private <R> R sendWith(Object command, String reason, Claim claim) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command);
        R result = dispatch(message, reason, claim);
        Long written = transaction.takePosition(message.getIdentifier());
        if (written != null) {
            setPosition(written);
            return result;
        }
        // a command that wrote nothing (an idempotent repeat), or Axon Server mode: the store's head
        setPosition(storeHead());
        return result;
    }

    private static void setPosition(Long position) {
        HttpServletResponse response = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getResponse();
        if (position != null && response != null) {
            response.setHeader(POSITION_HEADER, position.toString());
        }
    }

    /**
     * The store's head once the command completed (null: an empty store): at or after every event the command, or the
     * first request a repeat stands for, wrote. A repeat writes nothing, and what its first request wrote can span streams
     * the request does not name (a series' class days, a clinician's credit account): the newest event of the named
     * streams had been below the first answer's position (a fresh reviewer's finding, 2026-12-01). A query with this
     * position may wait for a little more than the command's own events.
     */
    private Long storeHead() {
        if (axonServer) {
            TrackingToken head = eventStore.createHeadToken();
            return head == null ? null : head.position().stream().boxed().findFirst().orElse(null);
        }
        return jdbc.getJdbcTemplate().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    }

    private static HttpServletRequest request() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }

    /**
     * {@link #sendWritingTo} with no reason in the events' metadata; the handler's refusal propagates to the endpoint's
     * problem handling, which answers with its problem type.
     */
    public <R> R send(Object command) {
        return sendWritingTo(command, null);
    }

    /** {@link #sendWritingTo}: {@code reason} (the staff member's, at most 500 characters) goes into the events' metadata. */
    public <R> R send(Object command, String reason) {
        return sendWritingTo(command, reason);
    }

    private <R> R dispatch(CommandMessage<Object> command, String reason, Claim claim) {
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
        if (claim != null) {
            metaData = metaData.and(CommandTransaction.CLAIM, claim.encoded());
        }
        metaData = metaData.and(CommandTransaction.WANTS_POSITION, Boolean.TRUE);
        return commands.sendAndWait(command.andMetaData(metaData));
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
