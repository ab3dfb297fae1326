package com.polaris.kat.events.catalog;

/** A series aggregate is identified by its number: Series 20 is "series-20". */
public final class SeriesIds {
    private SeriesIds() {
    }

    /** @return {@code series-<seriesNumber>}, e.g. "series-20" */
    public static String of(int seriesNumber) {
        return "series-" + seriesNumber;
    }
}
