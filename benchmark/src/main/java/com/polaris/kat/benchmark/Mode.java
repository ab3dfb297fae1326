package com.polaris.kat.benchmark;

/** How long each part runs. Quick: about three minutes, to see it work; full: the numbers we publish. */
record Mode(String name, double rawInsertSeconds, double warmUpSeconds, double loadSeconds, int raceRounds,
            double lagSeconds, double pollingLagSeconds, long historyEvents, boolean rebuildAgain) {

    static final int[] CLIENTS = {1, 4, 16, 64};
    static final double LAG_RATE_PER_SECOND = 100;
    static final int RACE_CAPACITY = 30;
    /** Events on the hot series' stream before its registrations are timed (issue 12). */
    static final int HOT_SERIES_EVENTS = 2_000;
    /** Registrations timed on the hot and on the fresh series, each. */
    static final int HOT_SERIES_SAMPLES = 100;
    static final int RACE_ATTEMPTS = 300;
    /**
     * The services' JVM options: {@code KAT_BENCH_SERVICE_JVM} when set (e.g. {@code -Xmx256m -XX:+UseSerialGC},
     * as infra/run.sh starts them), else {@code -Xmx512m}; printed with the results.
     */
    static final String SERVICE_JVM = System.getenv().getOrDefault("KAT_BENCH_SERVICE_JVM", "-Xmx512m");

    static Mode of(String name) {
        return switch (name) {
            // quick: no polling comparison (0 s), a 20,000-event history measured once (its first start)
            case "quick" -> new Mode("quick", 2, 3, 3, 1, 6, 0, 20_000, false);
            case "full" -> new Mode("full", 10, 20, 15, 5, 30, 20, 1_000_000, true);
            default -> throw new IllegalArgumentException("mode is quick or full, not " + name);
        };
    }
}
