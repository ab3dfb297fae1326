package com.polaris.kat.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** CPU time (user + system, seconds) of processes, read from /proc (Linux): the service, PostgreSQL, this JVM, the rest. */
final class CpuTime {

    private static final double TICKS = 100.0; // USER_HZ on Linux

    private CpuTime() {
    }

    /** Seconds of CPU used so far by: "service" (pid), "postgres" (every process named postgres), "load generator", "other". */
    static Map<String, Double> byProcessGroup(long servicePid) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("service", 0.0);
        out.put("postgres", 0.0);
        out.put("load generator", 0.0);
        out.put("other", 0.0);
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                int close = stat.lastIndexOf(')');
                String comm = stat.substring(stat.indexOf('(') + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
                long pid = Long.parseLong(name);
                String group = pid == servicePid ? "service" : pid == self ? "load generator"
                        : comm.equals("postgres") ? "postgres" : "other";
                out.merge(group, seconds, Double::sum);
            }
        }
        return out;
    }

    /**
     * Seconds of CPU used so far by a process's JIT compiler threads (HotSpot names them "C1 CompilerThre…" and
     * "C2 CompilerThre…"; /proc/PID/task/TID/stat), and by all its threads: {compiler, total}.
     */
    static double[] compilerAndTotal(long pid) throws IOException {
        double compiler = 0;
        double total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                int close = stat.lastIndexOf(')');
                String comm = stat.substring(stat.indexOf('(') + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
                total += seconds;
                if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                    compiler += seconds;
                }
            }
        }
        return new double[]{compiler, total};
    }
}
