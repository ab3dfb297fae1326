package com.polaris.kat.enrollment.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.AbstractRetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

import java.sql.SQLException;
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

    public ConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries, long baseMs, long capMs) {
        super(new Builder().retryExecutor(executor).maxRetryCount(maxRetries)
                .nonTransientFailurePredicate(ConflictRetryScheduler::isNotAWriteConflict));
        this.baseMs = baseMs;
        this.capMs = capMs;
    }

    /**
     * Axon asks this of the failure and of each of its causes; any "true" stops the retries. A write
     * conflict is a ConcurrencyException caused by the driver's duplicate-key SQLException, so
     * neither of those may count as non-transient.
     */
    static boolean isNotAWriteConflict(Throwable t) {
        return !(t instanceof ConcurrencyException || t instanceof SQLException);
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
