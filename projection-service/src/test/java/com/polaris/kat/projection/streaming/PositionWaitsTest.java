package com.polaris.kat.projection.streaming;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PositionWaitsTest {

    private final PositionWaits waits = new PositionWaits(Duration.ofMillis(1));
    private final ExecutorService requests = Executors.newFixedThreadPool(64);

    @AfterEach
    void stop() {
        requests.shutdownNow();
        waits.close();
    }

    @Test
    void aConditionThatAlreadyHoldsIsAnsweredWithoutWaiting() {
        assertThat(waits.await(() -> true, Duration.ofSeconds(5))).isTrue();
        assertThat(waits.waiting()).isZero();
    }

    @Test
    void everyWaitingRequestIsAnsweredOnceItsConditionHolds() throws Exception {
        AtomicLong processedThrough = new AtomicLong(-1);
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        for (int position = 0; position < 60; position++) {
            long p = position;
            answers.add(CompletableFuture.supplyAsync(() -> waits.await(() -> processedThrough.get() >= p, Duration.ofSeconds(10)), requests));
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> waits.waiting() == 60);

        processedThrough.set(29);
        await().atMost(5, TimeUnit.SECONDS).until(() -> answers.stream().filter(CompletableFuture::isDone).count() == 30);
        assertThat(answers.subList(0, 30)).allSatisfy(a -> assertThat(a).isCompletedWithValue(true));
        assertThat(answers.subList(30, 60)).noneMatch(CompletableFuture::isDone);
        assertThat(waits.waiting()).isEqualTo(30);

        processedThrough.set(59);
        for (CompletableFuture<Boolean> a : answers) {
            assertThat(a.get(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(waits.waiting()).isZero();
    }

    @Test
    void aConditionThatNeverHoldsIsAnsweredFalseWhenItsTimeIsUp() {
        long started = System.nanoTime();
        assertThat(waits.await(() -> false, Duration.ofMillis(200))).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(200);
        assertThat(waits.waiting()).isZero();
    }

    @Test
    void aConditionThatFailsFailsItsRequestWithTheSameError() {
        AtomicBoolean first = new AtomicBoolean(true);
        assertThatThrownBy(() -> waits.await(() -> {
            if (first.getAndSet(false)) {
                return false; // asked on the request's thread first
            }
            throw new IllegalArgumentException("no projection nope");
        }, Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class).hasMessage("no projection nope");
        assertThat(waits.waiting()).isZero();
    }

    @Test
    void requestsStillWaitingWhenTheServiceStopsAreAnsweredWithTheirConditionAsItIs() throws Exception {
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> waits.await(() -> false, Duration.ofSeconds(30)), requests);
        await().atMost(5, TimeUnit.SECONDS).until(() -> waits.waiting() == 1);
        waits.close();
        assertThat(answer.get(5, TimeUnit.SECONDS)).isFalse();
    }
}
