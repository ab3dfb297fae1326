package com.polaris.kat.enrollment.config;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.rules.StreamUnreadable;
import com.polaris.kat.eventstore.axonserver.AxonServerFailures;
import com.polaris.kat.eventstore.axonserver.AxonServerUnavailable;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.Optional;

/**
 * How a command's failure crosses the wire and comes back as itself (issue 15). In Axon Server mode a
 * command may be handled by another instance, and only an exception's message and its <em>details</em>
 * object travel back to the sender; a {@link Refusal} thrown there reached the sender as a bare
 * {@code CommandExecutionException} and became a 500. So:
 * <ul>
 *   <li>the handling side ({@link #forTheWire}, from {@link FailuresOverTheWire}) wraps a domain
 *       failure into {@code new CommandExecutionException(message, cause, details)} with one of the
 *       serializable details records below;</li>
 *   <li>the sending side ({@link #fromTheWire}, from {@link TranslatingCommandBus}) turns the details
 *       back into the same exception, so {@code ProblemResponses} gives the same problem response in
 *       both modes; an Axon Server sequence conflict becomes a {@link ConcurrencyException} (retried
 *       like PostgreSQL's, {@link ConflictRetryScheduler}); Axon Server being unreachable becomes
 *       {@link AxonServerUnavailable} (503).</li>
 * </ul>
 * Both modes take the same path (PostgreSQL mode wraps and unwraps in one JVM), so every HTTP test of a
 * refusal also proves the round trip's shape; {@code CommandFailuresTest} sends it through Axon
 * Server's own command serializer.
 */
public final class CommandFailures {

    private CommandFailures() {
    }

    /**
     * A {@link Refusal} as it crosses the wire.
     *
     * @param type   the problem slug (docs/problems.md), e.g. {@code sold-out}
     * @param status the refusal's HTTP status: 422, 409 or 404 ({@link Refusal.Kind#status()})
     * @param detail the refusal's message, which says what to do
     * @param field  the request field it is about ({@link Refusal#field()}), or null
     * @param members the problem's other extension members ({@link Refusal#members()}); null or empty when none
     */
    public record RefusalDetails(String type, int status, String detail, String field, java.util.Map<String, Object> members) {

        /** A refusal about no one field. */
        public RefusalDetails(String type, int status, String detail) {
            this(type, status, detail, null, null);
        }
    }

    /**
     * An {@link AggregateNotFoundException}: the stream a command was addressed to does not exist.
     *
     * @param aggregateId the stream's id
     * @param detail      Axon's message
     */
    public record NotFoundDetails(String aggregateId, String detail) {
    }

    /**
     * A {@link StreamUnreadable}: the stream holds an event this build cannot read.
     *
     * @param aggregateId    the stream's id
     * @param sequenceNumber the unreadable event's sequence number
     * @param eventType      its stored payload type (and revision)
     */
    public record UnreadableDetails(String aggregateId, long sequenceNumber, String eventType) {
    }

    /**
     * A write conflict the handling instance found itself (Axon's {@link ConcurrencyException}, thrown by a rule that
     * found the state it decided on moved, e.g. a class day that moved away while a series was joining it): retried
     * by the sender like a conflict on append. Without it, such a failure reached the sender in Axon Server mode as
     * a bare remote exception and became a 500 (found by {@code AxonServerScaleOutTest}'s class-day race).
     *
     * @param detail the conflict's message
     */
    public record WriteConflictDetails(String detail) {
    }

    /**
     * The handling side: a failure that holds a domain failure (the failure itself or any cause) becomes a
     * {@code CommandExecutionException} carrying it as details; any other failure is returned as it is.
     */
    public static Exception forTheWire(Exception failure) {
        return details(failure)
                .<Exception>map(d -> new CommandExecutionException(d instanceof WriteConflictDetails
                        ? AxonServerFailures.WRITE_CONFLICT + ": " + failure.getMessage() : failure.getMessage(), failure, d))
                .orElse(failure);
    }

    /** The details record of the first domain failure in the chain, if there is one. */
    static Optional<Object> details(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Refusal r) {
                return Optional.of(new RefusalDetails(r.type(), r.kind().status(), r.getMessage(), r.field(), r.members()));
            }
            if (t instanceof StreamUnreadable u) {
                return Optional.of(new UnreadableDetails(u.aggregateId(), u.sequenceNumber(), u.eventType()));
            }
            if (t instanceof ConcurrencyException c) {
                return Optional.of(new WriteConflictDetails(c.getMessage()));
            }
            if (t instanceof AggregateNotFoundException n) {
                return Optional.of(new NotFoundDetails(n.getAggregateIdentifier() == null ? null : n.getAggregateIdentifier().toString(),
                        n.getMessage()));
            }
        }
        return Optional.empty();
    }

    /**
     * The sending side: the failure as the domain and the web layer know it.
     * <ul>
     *   <li>a {@code CommandExecutionException} with one of the details records: the {@link Refusal},
     *       {@link StreamUnreadable}, {@link AggregateNotFoundException} or {@link ConcurrencyException} it was;</li>
     *   <li>a write conflict ({@link AxonServerFailures#isWriteConflict}) that is not yet a
     *       {@link ConcurrencyException}: a {@code ConcurrencyException} with it as the cause;</li>
     *   <li>Axon Server unreachable ({@link AxonServerFailures#isOutage}), or, in Axon Server mode, no
     *       instance subscribed to the command (instances re-subscribe after Axon Server restarts):
     *       {@link AxonServerUnavailable};</li>
     *   <li>anything else unchanged.</li>
     * </ul>
     *
     * @param axonServer whether commands go through Axon Server
     */
    public static Throwable fromTheWire(Throwable failure, boolean axonServer) {
        if (failure instanceof CommandExecutionException e) {
            Optional<Object> details = e.getDetails();
            if (details.isPresent()) {
                Object d = details.get();
                if (d instanceof RefusalDetails r) {
                    return new Refusal(Refusal.Kind.ofStatus(r.status()), r.type(), r.detail(), r.field(),
                            r.members() == null ? java.util.Map.of() : r.members());
                }
                if (d instanceof UnreadableDetails u) {
                    return new StreamUnreadable(u.aggregateId(), u.sequenceNumber(), u.eventType());
                }
                if (d instanceof NotFoundDetails n) {
                    return new AggregateNotFoundException(n.aggregateId(), n.detail());
                }
                if (d instanceof WriteConflictDetails w) {
                    return new ConcurrencyException(w.detail(), failure);
                }
            }
        }
        if (AxonServerFailures.isWriteConflict(failure)) {
            return failure instanceof ConcurrencyException ? failure : new ConcurrencyException(String.valueOf(failure.getMessage()), failure);
        }
        if (AxonServerFailures.isOutage(failure) || (axonServer && failure instanceof NoHandlerForCommandException)) {
            return new AxonServerUnavailable(failure);
        }
        return failure;
    }
}
