package com.polaris.kat.benchmark;

/** How long each part runs. Quick: about two minutes, to see it work; full: the numbers we publish. */
record Mode(String name, double rawInsertSeconds, double warmUpSeconds, double loadSeconds, int raceRounds,
            double lagSeconds, double pollingLagSeconds, long historyEvents) {

    static final int[] CLIENTS = {1, 4, 16, 64};
    static final double LAG_RATE_PER_SECOND = 100;
    static final int RACE_CAPACITY = 30;
    static final int RACE_ATTEMPTS = 300;
    static final String SERVICE_HEAP = "512m";

    static Mode of(String name) {
        return switch (name) {
            case "quick" -> new Mode("quick", 3, 3, 4, 1, 8, 5, 100_000);
            case "full" -> new Mode("full", 10, 10, 15, 5, 30, 20, 1_000_000);
            default -> throw new IllegalArgumentException("mode is quick or full, not " + name);
        };
    }
}
