package com.polaris.kat.enrollment.config;

import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-process lock every aggregate is loaded under (Axon's {@link PessimisticLockFactory}, named by each
 * {@code @Aggregate(lockFactory = AggregateLocks.BEAN)}): a command waits for the aggregate's lock in attempts of
 * {@code kat.aggregate-lock.attempt-millis} (default 500 ms), checking for a deadlock between attempts, for at most
 * {@code kat.aggregate-lock.max-wait-seconds} (default 60 s, as Axon's default of 6,000 attempts of 10 ms), then fails
 * with Axon's {@code LockAcquisitionFailedException}. A waiter is woken as soon as the lock is released, whatever the
 * attempt's length; the attempt only says how often it gives up its place, checks for a deadlock and queues again.
 * <p>
 * Reason: with Axon's 10 ms attempts, the sell-out race's ~150 requests waiting on one series per instance each woke
 * every 10 ms, left the queue (waking the next), walked every lock's waiters for a deadlock and queued at the back
 * again: {@code PessimisticLockFactory.obtainLock} was 16.7 % of the loaded instance's CPU samples in
 * {@code infra/bench/run.sh profile race} (docs/benchmarks.md, 2026-12-02 sixth session). Deadlocks are prevented by
 * the commands' lock order (credit/ClinicianCredit); the check stays as a safety net, made twice a second.
 */
@Configuration
public class AggregateLocks {

    /** The bean's name, as {@code @Aggregate(lockFactory = …)} names it. */
    public static final String BEAN = "aggregateLockFactory";

    /**
     * @param attemptMillis  one attempt's wait, in milliseconds (at least 1)
     * @param maxWaitSeconds the longest a command waits for a lock, in seconds (at least 1)
     */
    @Bean(BEAN)
    public LockFactory aggregateLockFactory(@Value("${kat.aggregate-lock.attempt-millis:500}") int attemptMillis,
                                            @Value("${kat.aggregate-lock.max-wait-seconds:60}") int maxWaitSeconds) {
        int attempt = Math.max(1, attemptMillis);
        int attempts = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.max(1, maxWaitSeconds) * 1000L / attempt));
        return PessimisticLockFactory.builder().lockAttemptTimeout(attempt).acquireAttempts(attempts).build();
    }
}
