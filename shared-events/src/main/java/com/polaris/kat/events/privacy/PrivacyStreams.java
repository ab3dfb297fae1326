package com.polaris.kat.events.privacy;

/** The privacy stream of a clinician: {@code privacy-<clinicianId>}. */
public final class PrivacyStreams {
    private PrivacyStreams() {
    }

    /** @return {@code privacy-<clinicianId>} */
    public static String of(String clinicianId) {
        return "privacy-" + clinicianId;
    }
}
