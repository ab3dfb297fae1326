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

    /**
     * Seconds of CPU used so far by: "service" (pid), "postgres" (every process named postgres, with the CPU of the
     * ones that ended, which the postmaster's reaped-children times hold: a backend that exits between two readings
     * had made the group's difference negative), "load generator", "other".
     */
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
                Stat stat = Stat.read(p);
                if (stat == null) {
                    continue;
                }
                long pid = Long.parseLong(name);
                String group = pid == servicePid ? "service" : pid == self ? "load generator"
                        : stat.name().equals("postgres") ? "postgres" : "other";
                out.merge(group, stat.cpuSeconds() + (group.equals("postgres") ? stat.endedChildrenSeconds() : 0), Double::sum);
            }
        }
        return out;
    }

    /**
     * Seconds of CPU a process has used so far, its exited threads included (/proc/PID/stat; summing /proc/PID/task/* leaves
     * out the threads that exited, so that sum can fall between two readings).
     */
    static double processSeconds(long pid) throws IOException {
        Stat stat = Stat.read(Path.of("/proc", Long.toString(pid)));
        if (stat == null) {
            throw new IOException("no process " + pid);
        }
        return stat.cpuSeconds();
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
                Stat stat = Stat.read(t);
                if (stat == null) {
                    continue;
                }
                total += stat.cpuSeconds();
                if (stat.name().startsWith("C1 Compiler") || stat.name().startsWith("C2 Compiler")) {
                    compiler += stat.cpuSeconds();
                }
            }
        }
        return new double[]{compiler, total};
    }

    /**
     * Seconds of CPU used so far by a process's threads, grouped by name with digits and the separators around them
     * dropped ("http-nio-18181-exec-7" and "-exec-12" as one group "http-nio-exec"; "EventProcessor[erasure-waitlist]-0";
     * "C2 CompilerThread"). Threads that ended between two readings are missing from the later one (their group's
     * difference can come out low).
     */
    static Map<String, Double> byThreadGroup(long pid) throws IOException {
        Map<String, Double> out = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                Stat stat = Stat.read(t);
                if (stat != null) {
                    out.merge(threadGroup(stat.name()), stat.cpuSeconds(), Double::sum);
                }
            }
        }
        return out;
    }

    /** A thread's group name: its name without digits and the '-', '#' or space before them. */
    static String threadGroup(String threadName) {
        return threadName.replaceAll("[-# ]?\\d+", "");
    }

    /**
     * A process's or thread's name, CPU seconds (user + system) and its ended and reaped children's CPU seconds
     * (cutime + cstime) from its /proc stat file.
     */
    private record Stat(String name, double cpuSeconds, double endedChildrenSeconds) {

        /** The stat file in {@code dir} (/proc/PID or /proc/PID/task/TID); null when the process or thread is gone. */
        static Stat read(Path dir) {
            String stat;
            try {
                stat = Files.readString(dir.resolve("stat"));
            } catch (IOException gone) {
                return null;
            }
            int close = stat.lastIndexOf(')');
            String[] f = stat.substring(close + 2).split(" ");
            return new Stat(stat.substring(stat.indexOf('(') + 1, close), (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS,
                    (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS);
        }
    }
}
