package com.polaris.kat.enrollment.privacy;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * How long a clinician's CE identity (name, license number and state) is kept after an erasure
 * request: six years after their last CE event (product rules, "Personal data"; README, "Events
 * over the years"). Calendar years in UTC: 2023-10-10T16:04Z is kept until 2029-10-10T16:04Z.
 * A clinician with no CE record (only ever on a waitlist) has nothing the identity serves: its
 * retention is over at once ({@code lastCeEventAt} null).
 */
public final class CeRetention {

    /** The CE record's retention period. */
    public static final Period PERIOD = Period.ofYears(6);

    private CeRetention() {
    }

    /**
     * @param lastCeEventAt the clinician's last CE event (UTC), null when they have no CE record
     * @return the instant (UTC) the retention of their CE record ends; null when there is no CE record (nothing is retained)
     */
    public static Instant retainedUntil(Instant lastCeEventAt) {
        return lastCeEventAt == null ? null : lastCeEventAt.atOffset(ZoneOffset.UTC).plus(PERIOD).toInstant();
    }

    /** @return whether retention has ended at {@code now} (at the end instant itself: ended; no CE record: always) */
    public static boolean isOver(Instant lastCeEventAt, Instant now) {
        return lastCeEventAt == null || !now.isBefore(retainedUntil(lastCeEventAt));
    }
}
