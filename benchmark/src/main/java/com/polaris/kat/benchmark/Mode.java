package com.polaris.kat.benchmark;

/** How long each part runs. Quick: about ten minutes, to see it work (short rows); full: the numbers we publish. */
record Mode(String name, double rawInsertSeconds, double warmUpSeconds, double maxWarmUpSeconds, double loadSeconds, int raceRounds,
            double lagSeconds, double pollingLagSeconds, long historyEvents, boolean rebuildAgain) {

    /**
     * A service's warm-up ends when its JIT compiler threads used less than this share of its CPU in the last
     * {@link #WARM_UP_SLICE_SECONDS} (or at {@code maxWarmUpSeconds}): figures are of compiled code, as in a
     * service that has been running, not of the compiler (start-up is measured on its own).
     */
    static final double JIT_QUIET_SHARE = 0.05;
    static final double WARM_UP_SLICE_SECONDS = 5;

    static final int[] CLIENTS = {1, 4, 16, 64};
    static final double LAG_RATE_PER_SECOND = 100;
    static final int RACE_CAPACITY = 30;
    /** Events on the hot series' stream before its registrations are timed (issue 12). */
    static final int HOT_SERIES_EVENTS = 2_000;
    /** Registrations timed on the hot and on the fresh series, each. */
    static final int HOT_SERIES_SAMPLES = 100;
    static final int RACE_ATTEMPTS = 300;

    /**
     * This mode with each registration row's seconds (each kind's; its two slices, in ABBA order, are half of them each) set
     * to {@code seconds} when given (an experiment: {@code KAT_BENCH_LOAD_SECONDS}, e.g. quick mode with full mode's 15 s
     * rows), else this mode.
     *
     * @throws IllegalArgumentException when {@code seconds} is not a number of seconds from 1 to 120
     */
    Mode withLoadSeconds(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return this;
        }
        double s = Double.parseDouble(seconds.strip());
        if (!(s >= 1 && s <= 120)) {
            throw new IllegalArgumentException("KAT_BENCH_LOAD_SECONDS is seconds from 1 to 120, not " + seconds);
        }
        return new Mode(name, rawInsertSeconds, warmUpSeconds, maxWarmUpSeconds, s, raceRounds, lagSeconds, pollingLagSeconds,
                historyEvents, rebuildAgain);
    }

    static Mode of(String name) {
        return switch (name) {
            // quick: no polling comparison (0 s), a 20,000-event history measured once (its first start);
            // warm-up: at least 3 (quick) / 20 (full) s, then until the JIT is quiet, at most 150 / 240 s (quick's cap was
            // 30 s until 2026-12-01: its rows then measured the compiler, 27-65 % of the service's CPU, more than the path;
            // async-profiler's warm-up at 16 clients took 113 s to become quiet on the 2-core machine)
            case "quick" -> new Mode("quick", 2, 3, 150, 3, 1, 6, 0, 20_000, false);
            case "full" -> new Mode("full", 10, 20, 240, 15, 5, 30, 20, 1_000_000, true);
            default -> throw new IllegalArgumentException("mode is quick or full, not " + name);
        };
    }
}
