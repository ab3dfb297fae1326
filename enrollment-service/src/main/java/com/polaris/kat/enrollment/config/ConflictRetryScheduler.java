package com.polaris.kat.enrollment.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.AbstractRetryScheduler;
import com.polaris.kat.eventstore.axonserver.AxonServerFailures;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries a command only when another writer appended to the same aggregate first, after a short,
 * capped, jittered pause (Axon's exponential scheduler has no cap). A rule's refusal and any other
 * failure is returned at once.
 */
public class ConflictRetryScheduler extends AbstractRetryScheduler {

    private final long baseMs;
    private final long capMs;
    private final RetriedCommands retried;
    private final int maxRetries;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConflictRetryScheduler.class);

    /**
     * @param executor   runs the retries
     * @param maxRetries retries at most, per command
     * @param baseMs     the first pause's ceiling in milliseconds (doubled per failure)
     * @param capMs      the longest pause in milliseconds
     * @param retried    told of every retry scheduled, so its dispatch carries {@link RetriedCommands#AFTER_CONFLICT}
     */
    public ConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries, long baseMs, long capMs, RetriedCommands retried) {
        super(new Builder().retryExecutor(executor).maxRetryCount(maxRetries)
                .nonTransientFailurePredicate(ConflictRetryScheduler::isNotAWriteConflict));
        this.baseMs = baseMs;
        this.capMs = capMs;
        this.retried = retried;
        this.maxRetries = maxRetries;
    }

    /**
     * Axon's decision (a write conflict, at most {@code maxRetries} times), with the retry noted for its dispatch
     * ({@link RetriedCommands}) before it can run, and logged in this service's words: Axon's own line quoted the
     * database's message, "ERROR: duplicate key value violates unique constraint …", at INFO, which a search of the
     * logs for errors found on every expected retry (a fresh reviewer, 2026-12-01).
     */
    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (isExplicitlyNonTransient(lastFailure)) {
            return false;
        }
        String command = commandMessage.getPayloadType().getSimpleName();
        if (failures.size() > maxRetries) {
            log.warn("Write conflict on {} again after {} retries: giving up (answered 503 write-conflict)", command, maxRetries);
            return false;
        }
        long interval = computeRetryInterval(commandMessage, lastFailure, failures);
        log.info("Write conflict on {}: a stream it appends to already had an event at that position (another writer first, a"
                + " stale cached aggregate, or a client-chosen id already in use). Will retry on the streams as stored in {} ms"
                + " (retry {} of at most {})", command, interval, failures.size(), maxRetries);
        retried.retryScheduled(commandMessage.getIdentifier());
        boolean scheduled = scheduleRetry(dispatchTask, interval);
        if (!scheduled) {
            retried.retryNotScheduled(commandMessage.getIdentifier());
        }
        return scheduled;
    }

    /**
     * Retry decision: only a write conflict is retried, in either event store mode
     * ({@link AxonServerFailures#isWriteConflict}): PostgreSQL's duplicate (aggregate, sequence) key as
     * Axon's ConcurrencyException, or Axon Server's {@code AXONIQ-2000} "Invalid sequence number", also
     * as it comes back from the instance that handled the command. Axon's default asks each link of the
     * cause chain on its own; a conflict is recognised by any link (Axon Server's ConcurrencyException
     * is caused by an AxonServerException, which alone says nothing).
     */
    static boolean isNotAWriteConflict(Throwable failure) {
        return !AxonServerFailures.isWriteConflict(failure);
    }

    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        return isNotAWriteConflict(failure);
    }

    @Override
    protected long computeRetryInterval(CommandMessage commandMessage, RuntimeException lastFailure,
                                        List<Class<? extends Throwable>[]> failures) {
        long exp = baseMs << Math.min(failures.size() - 1, 10);
        long ceiling = Math.max(1, Math.min(capMs, exp));
        return ThreadLocalRandom.current().nextLong(1, ceiling + 1);
    }

    private static final class Builder extends AbstractRetryScheduler.Builder<Builder> {
    }
}
