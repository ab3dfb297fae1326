package com.polaris.kat.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Registration over HTTP: N clients, each sending its next registration as soon as the previous
 * one answered (closed loop), spread round-robin over many series, for a fixed time.
 */
final class RegistrationLoad {

    record Result(int clients, int series, long created, Map<Integer, Long> otherStatuses, double seconds,
                  double perSecond, double p50Ms, double p99Ms) {
    }

    /** One registration request into a series; its HTTP status. */
    interface Registrar {
        int register(String seriesId) throws Exception;
    }

    private final Registrar registrar;

    /** The event-sourced registration of enrollment-service at {@code enrollment}. */
    RegistrationLoad(Http http, String enrollment) {
        this(series -> http.register(enrollment, series).status());
    }

    RegistrationLoad(Registrar registrar) {
        this.registrar = registrar;
    }

    /** One timed run's raw counts, to be merged with the other slices of the same kind ({@link #merge}). */
    record Slice(int clients, int series, long created, Map<Integer, Long> otherStatuses, double seconds, Latencies latencies) {
    }

    /**
     * Slices of the same kind and client count as one result: registrations over the slices' summed seconds, percentiles
     * over every request of them.
     */
    static Result merge(List<Slice> slices) {
        Latencies all = new Latencies();
        Map<Integer, Long> others = new java.util.TreeMap<>();
        long created = 0;
        double seconds = 0;
        for (Slice s : slices) {
            all.addAll(s.latencies());
            s.otherStatuses().forEach((k, v) -> others.merge(k, v, Long::sum));
            created += s.created();
            seconds += s.seconds();
        }
        Slice first = slices.get(0);
        return new Result(first.clients(), first.series(), created, Map.copyOf(others), seconds, created / seconds,
                all.percentileMs(50), all.percentileMs(99));
    }

    Result run(int clients, List<String> seriesIds, double seconds) throws Exception {
        return merge(List.of(slice(clients, seriesIds, seconds)));
    }

    /** {@code clients} closed-loop clients for {@code seconds}: what they got and how long each request took. */
    Slice slice(int clients, List<String> seriesIds, double seconds) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong created = new AtomicLong();
        Map<Integer, Long> others = new ConcurrentHashMap<>();
        Latencies all = new Latencies();
        CountDownLatch go = new CountDownLatch(1);
        long[] end = new long[1];
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                Latencies mine = new Latencies();
                try {
                    go.await();
                    while (System.nanoTime() < end[0]) {
                        String series = seriesIds.get(Math.floorMod(next.getAndIncrement(), seriesIds.size()));
                        long t0 = System.nanoTime();
                        int status = registrar.register(series);
                        mine.add(System.nanoTime() - t0);
                        if (status == 201) {
                            created.incrementAndGet();
                        } else {
                            others.merge(status, 1L, Long::sum);
                        }
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
                all.addAll(mine);
            }, "register-" + i);
            threads.add(t);
            t.start();
        }
        long start = System.nanoTime();
        end[0] = start + (long) (seconds * 1e9);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Slice(clients, seriesIds.size(), created.get(), Map.copyOf(others), elapsed, all);
    }
}
