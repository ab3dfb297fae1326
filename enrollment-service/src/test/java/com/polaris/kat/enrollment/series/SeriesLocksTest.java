package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentCommands.CancelRegistration;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.money.Money;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.lock.Lock;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12: "a series that is sold out refuses without queueing behind the sale". A registration already waiting for the
 * series' lock when the series refuses one as sold out leaves the queue with the same refusal, under the same conditions as
 * the endpoint's shortcut ({@link SoldOutSeries}); every other waiter keeps waiting for the lock.
 */
class SeriesLocksTest {

    private static final String SERIES = "series-locks-1";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant FIRST_DAY = Instant.parse("2027-01-09T17:00:00Z");

    private final Map<String, Long> storedVersions = new ConcurrentHashMap<>(Map.of(SERIES, 31L));
    private final SoldOutSeries soldOut = new SoldOutSeries(id -> Optional.ofNullable(storedVersions.get(id)));
    private final SeriesLocks locks = new SeriesLocks(soldOut, Clock.fixed(NOW, ZoneOffset.UTC));
    private final ExecutorService waiters = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        waiters.shutdownNow();
    }

    @Test
    void aWaitingRegistrationLeavesTheQueueWithTheSoldOutRefusalOnceTheSeriesRefusedOne() {
        Lock sale = locks.obtainLock(SERIES); // the sale in progress
        Future<Lock> waiting = waitAs(registration("reg-new", "clinician-new"));
        awaitQueued(1);
        soldOut.remember(SERIES, decidedAt(31L)); // the holder refused one as sold out at the stream's version 31

        assertThat(failureOf(waiting)).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.type()).isEqualTo("sold-out");
            assertThat(r.getMessage()).isEqualTo("Series 20 is sold out (30 seats); join its waitlist or choose another series.");
        });
        assertThat(sale.isHeld()).isTrue(); // it left without the lock
        sale.release();
    }

    @Test
    void anotherCommandARepeatASeatHolderAndAMovedStreamWaitForTheLock() {
        Lock sale = locks.obtainLock(SERIES);
        Future<Lock> cancellation = waitAs(new CancelRegistration(SERIES, "reg-sold-1", null, null));
        Future<Lock> repeat = waitAs(registration("reg-sold-1", "clinician-other"));
        Future<Lock> holder = waitAs(registration("reg-new", "clinician-holding"));
        awaitQueued(3);
        soldOut.remember(SERIES, decidedAt(31L));
        Future<Lock> newcomer = waitAs(registration("reg-new-2", "clinician-new-2"));
        assertThat(failureOf(newcomer)).isInstanceOf(Refusal.class); // the decision stands for a newcomer

        storedVersions.put(SERIES, 32L); // a cancellation elsewhere freed a seat: the decision no longer stands
        Future<Lock> afterTheMove = waitAs(registration("reg-new-3", "clinician-new-3"));
        awaitQueued(4);

        sale.release();
        for (Future<Lock> f : java.util.List.of(cancellation, repeat, holder, afterTheMove)) {
            Lock lock = await().atMost(Duration.ofSeconds(10)).until(() -> f.isDone() ? f.get() : null, l -> l != null);
            assertThat(lock).isNotNull();
        }
    }

    /** A desk's own unit of work has no message (the participant report's import: a NullPointerException, 500, in the full suite). */
    @Test
    void aUnitOfWorkWithoutAMessageWaitsForTheLockAsAnyCommand() {
        Lock sale = locks.obtainLock(SERIES);
        soldOut.remember(SERIES, decidedAt(31L));
        Future<Lock> desk = waiters.submit(() -> inUnitOfWork(null));
        awaitQueued(1);
        sale.release();
        Lock lock = await().atMost(Duration.ofSeconds(10)).until(() -> desk.isDone() ? desk.get() : null, l -> l != null);
        assertThat(lock).isNotNull();
    }

    @Test
    void withoutAWaitNothingIsAsked() {
        soldOut.remember(SERIES, decidedAt(31L));
        Lock lock = CompletableFuture.supplyAsync(() -> inUnitOfWork(registration("reg-new", "clinician-new")), waiters).join();
        assertThat(lock).isNotNull(); // a free lock is taken at once: the series itself decides (and refuses) under it
    }

    private SoldOutSeries.Decision decidedAt(long version) {
        return new SoldOutSeries.Decision(version, Set.of("reg-sold-1", "reg-sold-2"), Set.of("clinician-holding"), FIRST_DAY,
                "Series 20 is sold out (30 seats); join its waitlist or choose another series.");
    }

    private static RegisterForSeries registration(String registrationId, String clinicianId) {
        return new RegisterForSeries(SERIES, registrationId, clinicianId,
                new Clinician("Dana Rivera", clinicianId + "@example.org", "LCSW", "LCSW-1", "CA"), false,
                new Payment(Money.ofCents(210000), "ch_1", Money.ofCents(6100)), Money.ZERO, "fingerprint");
    }

    /** Obtains the series' lock in a command's unit of work on another thread; the lock is released when it is taken. */
    private Future<Lock> waitAs(Object command) {
        return waiters.submit(() -> inUnitOfWork(command));
    }

    private Lock inUnitOfWork(Object command) {
        UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(command == null ? null : GenericCommandMessage.asCommandMessage(command));
        try {
            Lock lock = locks.obtainLock(SERIES);
            lock.release();
            return lock;
        } finally {
            uow.rollback();
        }
    }

    private static Throwable failureOf(Future<Lock> future) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (!future.isDone()) {
                return null;
            }
            try {
                future.get();
                return new AssertionError("took the lock");
            } catch (java.util.concurrent.ExecutionException e) {
                return e.getCause();
            }
        }, t -> t != null);
    }

    /** Waits until {@code n} threads of this test wait for the lock (timed waits inside Axon's attempts). */
    private void awaitQueued(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("pool-") && e.getKey().getState() == Thread.State.TIMED_WAITING)
                .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals(SeriesLocks.class.getName())))
                .count() >= n);
    }
}
