package com.polaris.kat.eventstore.axonserver;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.axonserver.connector.command.AxonServerCommandDispatchException;
import org.axonframework.axonserver.connector.command.AxonServerRemoteCommandHandlingException;
import org.axonframework.messaging.RemoteHandlingException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a failure from either event store mode means, read from the exception and its causes: a pure
 * classification, no side effects. Axon Server reports its errors as codes ({@code AXONIQ-nnnn}) that
 * Axon Framework carries in several exception types, and only as text once the error has crossed the
 * wire from the instance that handled a command (the sender then holds a
 * {@code CommandExecutionException} whose message is the handler's): so codes are read from the typed
 * exceptions where there are any, and from the messages otherwise.
 * <ul>
 *   <li>{@link #isWriteConflict}: another writer appended to the same stream first. PostgreSQL mode:
 *       Axon's {@code ConcurrencyException} from the unique (aggregate, sequence) index (SQLState 23505), or a
 *       transaction PostgreSQL rolled back as a deadlock's victim (40P01) or for serialization (40001).
 *       Axon Server mode: {@code AXONIQ-2000} "Invalid sequence number" (or {@code AXONIQ-4004}, a
 *       concurrency failure reported by the handling instance). Retrying the command on the new state
 *       is right.</li>
 *   <li>{@link #isOutage}: Axon Server cannot be reached or cannot take the request now
 *       ({@code AXONIQ-3001} connection failed, {@code AXONIQ-4003} command dispatch failed,
 *       {@code AXONIQ-5002} query dispatch failed, {@code AXONIQ-2100} no event store leader, gRPC
 *       UNAVAILABLE or DEADLINE_EXCEEDED). The web layers answer {@code 503 axon-server-unavailable}.</li>
 * </ul>
 */
public final class AxonServerFailures {

    /** Axon Server's sequence conflict: the stream already has an event at the appended sequence number. */
    public static final String INVALID_SEQUENCE = "AXONIQ-2000";
    /** A handling instance's concurrency failure, as Axon Server forwards it. */
    public static final String CONCURRENCY = "AXONIQ-4004";
    /** Codes that mean "Axon Server is not reachable or cannot take requests now". */
    public static final Set<String> OUTAGE_CODES = Set.of("AXONIQ-3001", "AXONIQ-4003", "AXONIQ-5002", "AXONIQ-2100");
    private static final Set<String> CONFLICT_CODES = Set.of(INVALID_SEQUENCE, CONCURRENCY);
    /**
     * The enrollment service's own conflict: a cached aggregate found stale before a command's outcome stood
     * (its {@code AggregateCaching}). It leaves the handling instance as a ConcurrencyException, which Axon
     * Server carries to the sender as text only, so the message starts with this marker.
     */
    public static final String STALE_CACHED_AGGREGATE = "KAT-STALE-CACHED-AGGREGATE";
    /**
     * Any write conflict a handling instance found itself (a ConcurrencyException thrown by a rule, not by the
     * append), as the enrollment service's {@code CommandFailures} sends it over the wire: the message starts with
     * this marker, so the sender's retry scheduler knows it for a conflict before the failure is translated back.
     */
    public static final String WRITE_CONFLICT = "KAT-WRITE-CONFLICT";
    /**
     * PostgreSQL states after which the command's transaction was rolled back whole and running it again on the state
     * as it is then is right: a unique violation (the stream's sequence taken, or a row another transaction inserted
     * first), a deadlock (40P01: PostgreSQL chose this transaction as the victim; concurrent first registrations of one
     * clinician met one in their key rows, a fresh reviewer's finding of 2026-12-01, answered 500 until then) and a
     * serialization failure (40001).
     */
    private static final Set<String> RETRIED_SQL_STATES = Set.of("23505", "40P01", "40001");

    private AxonServerFailures() {
    }

    /** True when the failure, or any of its causes, says another writer appended to the same stream first. */
    public static boolean isWriteConflict(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
            // a driver's SQLException may carry no SQLState (Hikari's "Connection is closed" after a database crash):
            // Set.of(...).contains(null) throws, which had answered 500 for a registration during a crash (a fresh reviewer)
            if (t instanceof SQLException sql && sql.getSQLState() != null && RETRIED_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
            if (codes(t).stream().anyMatch(CONFLICT_CODES::contains) || mentions(t, INVALID_SEQUENCE)
                    || mentions(t, STALE_CACHED_AGGREGATE) || mentions(t, WRITE_CONFLICT)) {
                return true;
            }
        }
        return false;
    }

    /** True when the failure, or any of its causes, says Axon Server cannot be reached or cannot take requests now. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof AxonServerCommandDispatchException) {
                return true;
            }
            if (t instanceof StatusRuntimeException grpc && isUnavailable(grpc.getStatus())) {
                return true;
            }
            if (codes(t).stream().anyMatch(OUTAGE_CODES::contains) || OUTAGE_CODES.stream().anyMatch(code -> mentions(t, code))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailable(Status status) {
        return status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.DEADLINE_EXCEEDED;
    }

    /** The failure and its causes, each once. */
    static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The Axon Server error codes an exception carries as typed fields. */
    private static List<String> codes(Throwable t) {
        List<String> codes = new ArrayList<>();
        if (t instanceof AxonServerException e) {
            codes.add(e.code());
        }
        if (t instanceof AxonServerRemoteCommandHandlingException e) {
            codes.add(e.getErrorCode());
        }
        if (t instanceof AxonServerCommandDispatchException e) {
            codes.add(e.getErrorCode());
        }
        if (t instanceof io.axoniq.axonserver.connector.AxonServerException e && e.getErrorCategory() != null) {
            codes.add(e.getErrorCategory().errorCode());
        }
        return codes;
    }

    /** Whether the exception's message, or the remote handler's descriptions it carries, name this code. */
    private static boolean mentions(Throwable t, String code) {
        if (t.getMessage() != null && t.getMessage().contains(code)) {
            return true;
        }
        if (t instanceof RemoteHandlingException remote) {
            return remote.getExceptionDescriptions().stream().anyMatch(d -> d != null && d.contains(code));
        }
        if (t instanceof io.axoniq.axonserver.connector.AxonServerException e) {
            return e.getDetails().stream().anyMatch(d -> d != null && d.contains(code));
        }
        return false;
    }
}
