package com.polaris.kat.events.livesession;

/**
 * The live-sessions stream of a clinician: {@code live-sessions-<clinicianId>}, the class days they hold a place on.
 * Prefixed, like {@code credit-<clinicianId>}, because clinician ids and client-chosen registration ids are both UUIDs.
 */
public final class LiveSessionStreams {
    private LiveSessionStreams() {
    }

    /** @return {@code live-sessions-<clinicianId>} */
    public static String of(String clinicianId) {
        return "live-sessions-" + clinicianId;
    }
}
