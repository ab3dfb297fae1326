package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.config.AggregateCaching;
import com.polaris.kat.eventstore.axonserver.AxonServerFailures;
import com.polaris.kat.eventstore.position.TransactionHorizonEventStorageEngine;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.annotation.Nonnull;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a command's own database transaction also carries, so a request pays for one commit, not
 * three (issue 12):
 * <ul>
 *   <li>the idempotency key's claim ({@link IdempotencyKeys}), taken inside the transaction that
 *       appends the command's events: a command that is refused rolls it back, so the key is kept
 *       only for a request whose outcome is final and a corrected retry with the same key goes through;
 *       a command that seals a clinician's personal data takes it in the sealing statement
 *       ({@link com.polaris.kat.enrollment.privacy.ClaimedSealing}); a command whose repeat is not run again
 *       ({@code once}) keeps its result with the claim, for the repeat's answer ({@link IdempotencyKeys#recordOutcome});</li>
 *   <li>for a command that failed (a refusal, mostly), the check that no cached aggregate it decided on was
 *       stale ({@link AggregateCaching#verifyCachedAggregates}); a stale one turns the failure into a write
 *       conflict, retried on the stream as stored;</li>
 *   <li>the position of the events it wrote ({@code KAT-Event-Position}), as the append's own
 *       {@code RETURNING} gave it ({@link TransactionHorizonEventStorageEngine#APPENDED_UP_TO}): no statement
 *       of its own; else (events appended by another path) read in the same transaction just before it commits,
 *       from the setting the event store's numbering trigger leaves ({@code V4__last_global_index_of_the_transaction.sql}).</li>
 * </ul>
 * Metadata in: {@link #CLAIM} (key, fingerprint, stream, registration id, endpoint, tab-separated) and
 * {@link #WANTS_POSITION}. Positions out: {@link #takePosition(String)} by the command message's id,
 * after the command returned. In Axon Server mode the position part stays off (the command may run on
 * another instance; {@link CommandSender} asks the store's head instead).
 */
@Component
public class CommandTransaction {

    /** Metadata: the idempotency claim to take in the command's transaction. */
    public static final String CLAIM = "kat.idempotencyClaim";
    /** Metadata: the sender wants the position of the events the command writes. */
    public static final String WANTS_POSITION = "kat.wantsPosition";

    private final JdbcTemplate jdbc;
    private final IdempotencyKeys idempotencyKeys;
    private final com.polaris.kat.enrollment.privacy.ClaimedSealing sealing;
    private final boolean positionsHere;
    private final Map<String, Long> positions = new ConcurrentHashMap<>();

    public CommandTransaction(JdbcTemplate jdbc, IdempotencyKeys idempotencyKeys, com.polaris.kat.enrollment.privacy.ClaimedSealing sealing,
                              CommandBus commandBus, @Value("${axon.axonserver.enabled:false}") boolean axonServer) {
        this.jdbc = jdbc;
        this.sealing = sealing;
        this.idempotencyKeys = idempotencyKeys;
        this.positionsHere = !axonServer;
        // once: this is no MessageHandlerInterceptor bean, which Axon's Spring Boot auto-configuration would register
        // a second time (it had: every claim and position query ran twice per command)
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = this::handle;
        commandBus.registerHandlerInterceptor(interceptor);
    }

    /** Takes the command's idempotency claim, runs it, and notes its position before the commit. */
    public Object handle(@Nonnull UnitOfWork<? extends CommandMessage<?>> unitOfWork, @Nonnull InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object claim = command.getMetaData().get(CLAIM);
        String onceKey = null;
        if (claim instanceof String c) {
            String[] parts = c.split("\t", -1);
            String endpoint = parts.length > 4 ? parts[4] : null;
            boolean once = parts.length > 5 && Boolean.parseBoolean(parts[5]);
            onceKey = once ? parts[0] : null;
            // a command that seals a clinician takes its claim in the sealing statement (one round trip, not two)
            if (once || !sealing.claimAndSeal(unitOfWork, command.getPayload(), parts[0], parts[1], parts[2], parts[3], endpoint)) {
                idempotencyKeys.claim(parts[0], parts[1], parts[2], parts[3], endpoint, once);
            }
        }
        Object result;
        try {
            result = chain.proceed();
        } catch (Exception refusedOrFailed) {
            if (!AxonServerFailures.isWriteConflict(refusedOrFailed)) {
                // a refusal stands only if it was not given from a stale cached aggregate (else: a write conflict, retried)
                AggregateCaching.verifyCachedAggregates();
            }
            throw refusedOrFailed;
        }
        if (onceKey != null && result != null) { // a repeat is not run again: it answers with what this one returned
            String key = onceKey;
            unitOfWork.onPrepareCommit(u -> idempotencyKeys.recordOutcome(key, result));
        }
        if (positionsHere && Boolean.TRUE.equals(command.getMetaData().get(WANTS_POSITION))) {
            String id = command.getIdentifier();
            // registered after the handler ran, so it runs after the events were appended, still before the commit
            unitOfWork.onPrepareCommit(u -> lastGlobalIndex(u).ifPresent(p -> positions.put(id, p)));
            unitOfWork.onRollback(u -> positions.remove(id));
        }
        return result;
    }

    /**
     * The highest global index of the events this transaction appended: as the append's own RETURNING left it
     * ({@link TransactionHorizonEventStorageEngine#APPENDED_UP_TO}), else from the numbering trigger's setting.
     */
    private Optional<Long> lastGlobalIndex(UnitOfWork<?> unitOfWork) {
        Object appended = unitOfWork.root().resources().get(TransactionHorizonEventStorageEngine.APPENDED_UP_TO);
        if (appended instanceof Long upTo) {
            return Optional.of(upTo);
        }
        String v = jdbc.queryForObject("SELECT current_setting('kat.last_global_index', true)", String.class);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(v));
    }

    /** The position the command with this message id wrote up to, once (null: none, or not known here). */
    public Long takePosition(String commandMessageId) {
        return positions.remove(commandMessageId);
    }

    /** Whether positions are read in the command's transaction (PostgreSQL mode). */
    public boolean positionsHere() {
        return positionsHere;
    }
}
