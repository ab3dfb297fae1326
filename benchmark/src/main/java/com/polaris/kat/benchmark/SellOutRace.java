package com.polaris.kat.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sell-out race: every attempt waits at a gate, then all go at once, alternating between the
 * enrollment-service instances. Sold = 201 answers; the series' capacity must not be exceeded.
 */
final class SellOutRace {

    record Result(int capacity, int attempts, int instances, long sold, long soldOut, Map<Integer, Long> otherStatuses,
                  double secondsToSellOut, double p50Ms, double p99Ms) {
    }

    private final Http http;

    SellOutRace(Http http) {
        this.http = http;
    }

    Result run(List<String> instances, String seriesId, int capacity, int attempts) throws Exception {
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        Latencies all = new Latencies();
        AtomicLong lastSaleAt = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(attempts);
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < attempts; i++) {
            String instance = instances.get(i % instances.size());
            Thread t = new Thread(() -> {
                try {
                    ready.countDown();
                    go.await();
                    long t0 = System.nanoTime();
                    int status = http.register(instance, seriesId).status();
                    long t1 = System.nanoTime();
                    synchronized (all) {
                        all.add(t1 - t0);
                    }
                    statuses.merge(status, 1L, Long::sum);
                    if (status == 201) {
                        lastSaleAt.accumulateAndGet(t1, Math::max);
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "race-" + i);
            threads.add(t);
            t.start();
        }
        ready.await();
        start[0] = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        Map<Integer, Long> others = new java.util.TreeMap<>(statuses);
        long sold = others.getOrDefault(201, 0L);
        long soldOut = others.getOrDefault(409, 0L);
        others.remove(201);
        others.remove(409);
        return new Result(capacity, attempts, instances.size(), sold, soldOut, others,
                (lastSaleAt.get() - start[0]) / 1e9, all.percentileMs(50), all.percentileMs(99));
    }
}
