package com.polaris.kat.benchmark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service as a child process: the packaged jar, the same environment as infra/run.sh gives it. */
final class Service implements AutoCloseable {

    final String name;
    final int port;
    private final Process process;
    private final long launchedAt;
    final Path log;
    double secondsToReady = Double.NaN;

    private Service(String name, int port, Process process, long launchedAt, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.launchedAt = launchedAt;
        this.log = log;
    }

    static Service start(Path root, String module, String label, int port, String jvmOptions, Map<String, String> env,
                         List<String> args) throws IOException {
        Path jar;
        try (var files = Files.list(root.resolve(module).resolve("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches(module + "-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar for " + module + "; build first"));
        }
        Path log = root.resolve(".local/logs/bench-" + label + ".log");
        Files.createDirectories(log.getParent());
        // as infra/run.sh starts it: the launch line of infra/cds.sh, one argument per line (its launcher, then the
        // ahead-of-time cache or class data sharing archive and the extracted jar) when there is a current one, the
        // services' JVM options after the launcher
        Path launch = root.resolve(module).resolve("target/cds/launch");
        List<String> line = Files.isRegularFile(launch) && Files.getLastModifiedTime(launch).compareTo(Files.getLastModifiedTime(jar)) >= 0
                ? Files.readAllLines(launch).stream().filter(l -> !l.isBlank()).toList()
                : List.of(javaBinary(), "-jar", jar.toString());
        List<String> command = new ArrayList<>(List.of(line.get(0)));
        command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        // every collection with its pause, beside the service's log: what a latency figure's tail may owe to the collector
        command.add("-Xlog:gc:file=" + root.resolve(".local/logs/bench-" + label + ".gc.log"));
        command.addAll(line.subList(1, line.size()));
        command.add("--server.port=" + port);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        return new Service(label, port, pb.start(), t0, log);
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** Seconds since this service was launched (about the JVM's uptime, which its GC log's timestamps count). */
    double uptimeSeconds() {
        return (System.nanoTime() - launchedAt) / 1e9;
    }

    /**
     * The collector's stop-the-world pauses between two uptimes, from the service's GC log
     * ({@code -Xlog:gc}: "[12.345s][info][gc] GC(7) Pause Young (…) 90M->40M(160M) 3.456ms"):
     * count, total and longest in ms, full collections among them, and how much the heap after a young collection grew
     * from one to the next, on average (MiB): what each young collection promoted to the old generation and what stays
     * there until a full collection (0 when everything that survives dies in the survivor spaces).
     */
    Map<String, Object> gcPauses(double fromSeconds, double toSeconds) throws IOException {
        return gcPauses(log.resolveSibling(log.getFileName().toString().replace(".log", ".gc.log")), fromSeconds, toSeconds);
    }

    /** {@link #gcPauses(double, double)} of the GC log {@code gcLog}. */
    static Map<String, Object> gcPauses(Path gcLog, double fromSeconds, double toSeconds) throws IOException {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                "^\\[([0-9.]+)s\\].*Pause (Young|Full).* ([0-9]+)M->([0-9]+)M\\([0-9]+M\\) ([0-9.]+)ms$");
        long count = 0, full = 0, growths = 0;
        double total = 0, longest = 0, growth = 0;
        Long previousAfterYoung = null;
        for (String l : Files.readAllLines(gcLog)) {
            java.util.regex.Matcher m = line.matcher(l);
            if (m.find()) {
                double at = Double.parseDouble(m.group(1));
                boolean young = m.group(2).equals("Young");
                long after = Long.parseLong(m.group(4));
                if (at >= fromSeconds && at <= toSeconds) {
                    double ms = Double.parseDouble(m.group(5));
                    count++;
                    total += ms;
                    longest = Math.max(longest, ms);
                    if (!young) {
                        full++;
                    } else if (previousAfterYoung != null) {
                        growth += after - previousAfterYoung;
                        growths++;
                    }
                }
                previousAfterYoung = young ? after : null;
            }
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("pauses", count);
        out.put("totalMs", total);
        out.put("longestMs", longest);
        out.put("full", full);
        out.put("oldGrowthPerYoungMiB", growths == 0 ? 0.0 : Math.round(100.0 * growth / growths) / 100.0);
        return out;
    }

    /** Waits for readiness (200 from /actuator/health/readiness) and records the time from launch. */
    Service awaitReady(Http http, int timeoutSeconds) throws Exception {
        Awaitility.await(name + " ready (log: " + log + ")").atMost(Duration.ofSeconds(timeoutSeconds))
                .pollInterval(Duration.ofMillis(50)).pollDelay(Duration.ZERO)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited during start-up; see " + log);
                    }
                    return http.status(url() + "/actuator/health/readiness") == 200;
                });
        secondsToReady = (System.nanoTime() - launchedAt) / 1e9;
        return this;
    }

    String url() {
        return "http://localhost:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory now and its peak (VmRSS, VmHWM from /proc), in MiB. */
    double[] residentMiB() throws IOException {
        double rss = Double.NaN, hwm = Double.NaN;
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            } else if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return new double[]{rss, hwm};
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
