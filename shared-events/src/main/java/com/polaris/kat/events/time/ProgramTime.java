package com.polaris.kat.events.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/** Every class day runs 09:00-17:00 in Pacific Time; instants are stored in UTC. */
public final class ProgramTime {

    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    public static final LocalTime DAY_STARTS = LocalTime.of(9, 0);
    public static final LocalTime DAY_ENDS = LocalTime.of(17, 0);

    private ProgramTime() {
    }

    /** @return 09:00 America/Los_Angeles on {@code classDate}, as a UTC instant (daylight saving included) */
    public static Instant startOf(LocalDate classDate) {
        return classDate.atTime(DAY_STARTS).atZone(ZONE).toInstant();
    }

    /** @return 17:00 America/Los_Angeles on {@code classDate}, as a UTC instant */
    public static Instant endOf(LocalDate classDate) {
        return classDate.atTime(DAY_ENDS).atZone(ZONE).toInstant();
    }
}
