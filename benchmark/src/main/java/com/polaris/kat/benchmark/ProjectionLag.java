package com.polaris.kat.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commit to queryable at a steady command rate (open loop: commands are sent on schedule whatever
 * the answers take). For each registration: its response arrives after its events committed and
 * carries KAT-Event-Position; the lag is the time from that response to the projection service
 * answering GET /api/registrations/{id}?minPosition=…, which it does as soon as the registrations
 * projection has processed that position. The query's own round trip is measured beside it.
 */
final class ProjectionLag {

    record Result(String reader, double ratePerSecond, double achievedPerSecond, long commands, double lagP50Ms,
                  double lagP99Ms, double lagMaxMs, double queryRoundTripP50Ms, long failures) {
    }

    private final Http http;

    ProjectionLag(Http http) {
        this.http = http;
    }

    Result run(String reader, String enrollment, String projection, List<String> seriesIds, double rate, double seconds)
            throws Exception {
        int count = (int) Math.round(rate * seconds);
        Latencies lags = new Latencies();
        Latencies roundTrips = new Latencies();
        AtomicLong failures = new AtomicLong();
        java.util.Map<String, Long> failureKinds = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(64);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        List<Future<?>> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        long periodNanos = (long) (1e9 / rate);
        AtomicLong ticks = new AtomicLong();
        long start = System.nanoTime();
        pacer.scheduleAtFixedRate(() -> {
            long i = ticks.getAndIncrement();
            if (i >= count) {
                return;
            }
            String series = seriesIds.get((int) (i % seriesIds.size()));
            sent.add(workers.submit(() -> {
                try {
                    Http.Response r = http.register(enrollment, series);
                    long committed = System.nanoTime();
                    if (r.status() != 201 || r.eventPosition() == null) {
                        failures.incrementAndGet();
                        failureKinds.merge("register " + r.status() + (r.eventPosition() == null ? " without position" : ""), 1L, Long::sum);
                        return;
                    }
                    String id = r.body().get("registrationId").asText();
                    Http.Response q = http.get("frontend", projection + "/api/registrations/" + id + "?minPosition=" + r.eventPosition());
                    long answered = System.nanoTime();
                    if (q.status() != 200) {
                        failures.incrementAndGet();
                        failureKinds.merge("query " + q.status() + " " + (q.body() == null || q.body().get("type") == null ? "" : q.body().get("type").asText()), 1L, Long::sum);
                        return;
                    }
                    long t0 = System.nanoTime();
                    http.get("frontend", projection + "/api/registrations/" + id);
                    long rtt = System.nanoTime() - t0;
                    synchronized (lags) {
                        lags.add(answered - committed);
                        roundTrips.add(rtt);
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                    failureKinds.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                }
            }));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        org.awaitility.Awaitility.await("all " + count + " commands sent").atMost(java.time.Duration.ofSeconds((long) seconds + 60))
                .pollInterval(java.time.Duration.ofMillis(20)).until(() -> ticks.get() >= count);
        pacer.shutdown();
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        for (Future<?> f : List.copyOf(sent)) {
            f.get(120, TimeUnit.SECONDS);
        }
        workers.shutdown();
        if (!failureKinds.isEmpty()) {
            Benchmark.log("  lag run failures by kind: " + failureKinds);
        }
        return new Result(reader, rate, count / sendSeconds, count, lags.percentileMs(50), lags.percentileMs(99),
                lags.maxMs(), roundTrips.percentileMs(50), failures.get());
    }
}
