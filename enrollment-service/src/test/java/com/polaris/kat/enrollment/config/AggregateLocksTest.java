package com.polaris.kat.enrollment.config;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.modelling.command.LockingRepository;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.test.util.ReflectionTestUtils;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every aggregate is loaded under {@link AggregateLocks}' lock factory, which still hands a released lock to its waiter
 * and still finds a deadlock (the safety net its longer attempts keep).
 */
class AggregateLocksTest extends EnrollmentServiceTestBase {

    @Autowired
    org.axonframework.config.Configuration axon;

    @Autowired
    @Qualifier(AggregateLocks.BEAN)
    LockFactory locks;

    @Test
    void everyAggregatesRepositoryTakesItsLocksFromTheConfiguredFactory() throws Exception {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(Aggregate.class));
        var found = scan.findCandidateComponents("com.polaris.kat.enrollment");
        assertThat(found).hasSizeGreaterThanOrEqualTo(8);
        for (var candidate : found) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            assertThat(type.getAnnotation(Aggregate.class).lockFactory()).as(type.getName()).isEqualTo(AggregateLocks.BEAN);
            Object repository = axon.repository(type);
            assertThat(repository).as(type.getName()).isInstanceOf(LockingRepository.class);
            assertThat(ReflectionTestUtils.getField(repository, LockingRepository.class, "lockFactory")).as(type.getName()).isSameAs(locks);
        }
    }

    @Test
    void aReleasedLockGoesToItsWaiterAndADeadlockIsStillFound() throws Exception {
        Lock held = locks.obtainLock("lock-test-a");
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            locks.obtainLock("lock-test-a").release(); // released by the thread that holds it
            return true;
        });
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !waiter.isDone());
        held.release();
        await().atMost(Duration.ofSeconds(5)).until(waiter::isDone);
        assertThat(waiter.get()).isTrue();

        // two threads each holding one lock and asking for the other's: one of them is told of the deadlock
        CountDownLatch bothHold = new CountDownLatch(2);
        List<CompletableFuture<Void>> both = List.of("lock-test-b", "lock-test-c").stream().map(first -> CompletableFuture.runAsync(() -> {
            Lock mine = locks.obtainLock(first);
            try {
                bothHold.countDown();
                bothHold.await();
                locks.obtainLock(first.equals("lock-test-b") ? "lock-test-c" : "lock-test-b").release();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                mine.release();
            }
        }, java.util.concurrent.Executors.newSingleThreadExecutor())).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> both.stream().allMatch(CompletableFuture::isDone));
        assertThat(both.stream().filter(CompletableFuture::isCompletedExceptionally)).hasSize(1);
        assertThat(both.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst().orElseThrow().handle((v, e) -> e.getCause()).get())
                .isInstanceOf(DeadlockException.class);
    }
}
