package com.polaris.kat.events.catalog;

/** A series aggregate is identified by its number: Series 20 is "series-20". */
public final class SeriesIds {
    private SeriesIds() {
    }

    /** @return {@code series-<seriesNumber>}, e.g. "series-20" */
    public static String of(int seriesNumber) {
        return "series-" + seriesNumber;
    }

    /**
     * A series as its users name it in words, from its id: "Series 20" for "series-20"; any other id (one a request made up)
     * as given, "Series " + id. Refusals name a series this way, not by its id (a fresh reviewer read "Series series-20 has
     * no registration …").
     */
    public static String named(String seriesId) {
        if (seriesId != null && seriesId.startsWith("series-") && seriesId.length() > 7 && seriesId.length() <= 17
                && seriesId.substring(7).chars().allMatch(c -> c >= '0' && c <= '9') && seriesId.charAt(7) != '0') {
            return "Series " + seriesId.substring(7);
        }
        return "Series " + seriesId;
    }
}
