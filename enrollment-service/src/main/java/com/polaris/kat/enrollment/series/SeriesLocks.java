package com.polaris.kat.enrollment.series;

import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The series' lock (bean {@code seriesLockFactory}, {@code @Aggregate(lockFactory = …)} on {@link Series}): Axon's
 * {@link PessimisticLockFactory}, one lock per series in this instance, with one difference for a registration
 * waiting its turn. Issue 12: "a series that is sold out refuses without queueing behind the sale". A request that
 * arrives once the series is sold out is refused before it takes the lock ({@link SoldOutSeries}, from the
 * registration endpoint); one that arrived during the sale was already queued, and each such request took the lock
 * in turn only to be refused (the sell-out race's profile: the refusals took turns under the lock, each reading the
 * stream's last sequence number and rolling back). Here a {@link RegisterForSeries} waiting for the lock looks,
 * about every {@value #ROUND_MILLIS} ms, whether the series has refused a registration as sold out meanwhile; if so
 * it asks {@link SoldOutSeries#refuseIfStillSoldOut} (the same rule, the same conditions: the stream has not moved
 * since that refusal, the request is not a repeat, the clinician holds no seat, registration is open) and leaves the
 * queue with the sold-out refusal when that holds. Anything else (another command, a repeat, a seat holder, a series
 * whose stream moved) waits for the lock as before.
 * <p>
 * Waiting is bounded as Axon's default is (6,000 attempts of 10 ms, about a minute), then
 * {@link LockAcquisitionFailedException}; a deadlock between two threads' locks is {@link DeadlockException} at once
 * (Axon's detection, across every {@link PessimisticLockFactory}).
 */
@Component("seriesLockFactory")
public class SeriesLocks implements LockFactory {

    /** How long one round of attempts lasts before a waiting registration looks at the sold-out decision, in ms. */
    static final int ROUND_MILLIS = 20;
    /** Axon's attempts per round: one immediate, then ({@code ATTEMPTS} − 2) of 10 ms (its loop's counting). */
    private static final int ATTEMPTS_PER_ROUND = ROUND_MILLIS / 10 + 2;
    /** Rounds before giving up: Axon's default total of 6,000 attempts of 10 ms. */
    private static final int ROUNDS = 6000 / (ROUND_MILLIS / 10);

    private final PessimisticLockFactory locks = PessimisticLockFactory.builder().acquireAttempts(ATTEMPTS_PER_ROUND)
            .lockAttemptTimeout(10).build();
    private final SoldOutSeries soldOut;
    private final Clock clock;

    public SeriesLocks(SoldOutSeries soldOut, Clock clock) {
        this.soldOut = soldOut;
        this.clock = clock;
    }

    /**
     * The series' lock, once this thread holds it.
     *
     * @param seriesId the series (its aggregate identifier)
     * @throws com.polaris.kat.enrollment.rules.Refusal {@code 409 sold-out} when the waiting command is a registration
     *         the series would refuse as sold out (the lock is then not held)
     * @throws DeadlockException                        when waiting would deadlock (Axon's detection)
     * @throws LockAcquisitionFailedException           after about a minute without the lock
     */
    @Override
    public Lock obtainLock(String seriesId) {
        RegisterForSeries registration = waitingRegistration();
        LockAcquisitionFailedException last = null;
        for (int round = 0; round < ROUNDS; round++) {
            try {
                return locks.obtainLock(seriesId);
            } catch (DeadlockException deadlock) {
                throw deadlock;
            } catch (LockAcquisitionFailedException stillHeld) {
                last = stillHeld;
            }
            if (registration != null) {
                soldOut.refuseIfStillSoldOut(seriesId, registration.registrationId(), registration.clinicianId(), clock.instant());
            }
        }
        throw last;
    }

    /**
     * The registration the current command is, when it is one for a series (null otherwise, outside a unit of work, or in
     * one without a message: a desk's own unit of work, e.g. a participant report's import, has none).
     */
    private static RegisterForSeries waitingRegistration() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        org.axonframework.messaging.Message<?> message = CurrentUnitOfWork.get().getMessage();
        return message != null && message.getPayload() instanceof RegisterForSeries r ? r : null;
    }
}
