package com.polaris.kat.enrollment.privacy;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * How long a clinician's CE identity (name, license number and state) is kept after an erasure
 * request: six years after their last CE event (product rules, "Personal data"; README, "Events
 * over the years"). Calendar years in UTC: 2023-10-10T16:04Z is kept until 2029-10-10T16:04Z.
 */
public final class CeRetention {

    /** The CE record's retention period. */
    public static final Period PERIOD = Period.ofYears(6);

    private CeRetention() {
    }

    /** @return the instant (UTC) the retention of a CE record whose last event was at {@code lastCeEventAt} ends */
    public static Instant retainedUntil(Instant lastCeEventAt) {
        return lastCeEventAt.atOffset(ZoneOffset.UTC).plus(PERIOD).toInstant();
    }

    /** @return whether retention has ended at {@code now} (at the end instant itself: ended) */
    public static boolean isOver(Instant lastCeEventAt, Instant now) {
        return !now.isBefore(retainedUntil(lastCeEventAt));
    }
}
