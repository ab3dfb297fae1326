package com.polaris.kat.events.credit;

/**
 * The credit account stream of a clinician: {@code credit-<clinicianId>}. Prefixed, like {@code privacy-<clinicianId>},
 * because clinician ids and registration ids are both UUIDs and a client may choose a registration's id: a registration
 * created with a clinician's id as its own had taken the name of that clinician's credit account, whose credit could then
 * never be issued (found by a fresh reviewer).
 */
public final class CreditStreams {
    private CreditStreams() {
    }

    /** @return {@code credit-<clinicianId>} */
    public static String of(String clinicianId) {
        return "credit-" + clinicianId;
    }
}
