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
    /** Per command of the last run: seconds from its start to the command's answer, the command's round trip and the lag (ms). */
    private final List<double[]> timeline = java.util.Collections.synchronizedList(new ArrayList<>());

    ProjectionLag(Http http) {
        this.http = http;
    }

    Result run(String reader, String enrollment, String projection, List<String> seriesIds, double rate, double seconds)
            throws Exception {
        int count = (int) Math.round(rate * seconds);
        timeline.clear();
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
                    long sentAt = System.nanoTime();
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
                    timeline.add(new double[]{(committed - start) / 1e9, (committed - sentAt) / 1e6, (answered - committed) / 1e6});
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

    /**
     * The seconds of the last run in which some lag exceeded {@code thresholdMs}: second from the start → how many
     * commands answered in it, how many of them lagged over the threshold, the highest lag and the slowest command
     * round trip (ms). A stall of the projection alone shows as lags over the threshold with quick commands; a stall of
     * the whole machine slows the commands of the same seconds too.
     */
    java.util.SortedMap<Integer, String> slowSeconds(double thresholdMs) {
        java.util.SortedMap<Integer, double[]> bySecond = new java.util.TreeMap<>();
        synchronized (timeline) {
            for (double[] t : timeline) {
                double[] s = bySecond.computeIfAbsent((int) t[0], k -> new double[4]);
                s[0]++;
                s[1] += t[2] > thresholdMs ? 1 : 0;
                s[2] = Math.max(s[2], t[2]);
                s[3] = Math.max(s[3], t[1]);
            }
        }
        java.util.SortedMap<Integer, String> out = new java.util.TreeMap<>();
        bySecond.forEach((second, s) -> {
            if (s[1] > 0) {
                out.put(second, String.format("%d commands, %d lagged > %.0f ms, lag max %.0f ms, command max %.0f ms",
                        (long) s[0], (long) s[1], thresholdMs, s[2], s[3]));
            }
        });
        return out;
    }
}
