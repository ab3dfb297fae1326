package com.polaris.kat.benchmark;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a service spends its CPU: the JDK Flight Recorder's execution samples ({@code jdk.ExecutionSample}) of a
 * recording, counted per method, both "self" (the sampled top frame) and "inclusive" (the method anywhere on the
 * sampled stack, counted once per sample). Used by {@code infra/bench/run.sh profile}; prints percentages of samples.
 */
final class ExecutionProfile {

    private final List<List<String>> stacks = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();
    private final List<Long> weights = new ArrayList<>();

    /**
     * Reads async-profiler's "collapsed" output written with the {@code threads} option: one line per distinct stack,
     * "[thread name tid=N];root;...;leaf count".
     */
    static ExecutionProfile readCollapsed(Path collapsed) throws IOException {
        ExecutionProfile p = new ExecutionProfile();
        for (String line : java.nio.file.Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            List<String> frames = new ArrayList<>(List.of(line.substring(0, space).split(";")));
            String thread = frames.isEmpty() ? "?" : frames.remove(0).replaceAll("^\\[|( tid=\\d+)?\\]$", "");
            java.util.Collections.reverse(frames); // leaf first, as JFR gives them
            p.stacks.add(frames.stream().map(f -> f.replaceAll("_\\[[jiCk0]\\]$", "").replace('/', '.')).toList());
            p.threads.add(thread);
            p.weights.add(Long.parseLong(line.substring(space + 1).trim()));
        }
        return p;
    }

    static ExecutionProfile read(Path recording) throws IOException {
        ExecutionProfile p = new ExecutionProfile();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace trace = e.getStackTrace();
            if (trace == null) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            for (RecordedFrame f : trace.getFrames()) {
                frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
            }
            p.stacks.add(frames);
            p.threads.add(e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName());
            p.weights.add(1L);
        }
        return p;
    }

    long samples() {
        return weights.stream().mapToLong(Long::longValue).sum();
    }

    /** Lines "share  method", the top {@code limit} methods by self or inclusive samples among threads matching. */
    List<String> top(boolean inclusive, Predicate<String> thread, int limit) {
        Map<String, Long> counts = new HashMap<>();
        long total = 0;
        for (int i = 0; i < stacks.size(); i++) {
            if (!thread.test(threads.get(i)) || stacks.get(i).isEmpty()) {
                continue;
            }
            long w = weights.get(i);
            total += w;
            if (inclusive) {
                Set<String> seen = new HashSet<>(stacks.get(i));
                seen.forEach(m -> counts.merge(m, w, Long::sum));
            } else {
                counts.merge(stacks.get(i).get(0), w, Long::sum);
            }
        }
        long all = Math.max(1, total);
        List<String> lines = new ArrayList<>();
        lines.add((inclusive ? "inclusive" : "self") + ", " + total + " samples");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(limit)
                .forEach(en -> lines.add(String.format("%6.1f %%  %s", 100.0 * en.getValue() / all, en.getKey())));
        return lines;
    }

    /** Share of samples per thread group (name up to its first digit or dash-number), largest first. */
    List<String> threadGroups() {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < threads.size(); i++) {
            counts.merge(threads.get(i).replaceAll("[-#]?\\d+.*$", ""), weights.get(i), Long::sum);
        }
        List<String> lines = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(15)
                .forEach(en -> lines.add(String.format("%6.1f %%  %s", 100.0 * en.getValue() / Math.max(1, samples()),
                        en.getKey())));
        return lines;
    }
}
