package com.polaris.kat.enrollment.rules;

import com.polaris.kat.events.attendance.ReportReading;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Collection;

/**
 * When two readings of a participant report are the same reading: the same file (SHA-256) read in the same time zone or in
 * another name of the same local time around the class day (US/Pacific or PST8PDT for America/Los_Angeles). Used by the
 * class day (a file is added as another meeting only in the zone it was last read in) and by a registration's attendance
 * (a report is a repeat for it while its reading is among those its times came from).
 */
public final class ReportReadings {

    private ReportReadings() {
    }

    /**
     * Whether {@code readings} hold this file read in this zone, or in a zone that reads alike on {@code day}.
     *
     * @param readings the readings, may be null (not recorded: holds none)
     */
    public static boolean among(Collection<ReportReading> readings, String sha256, String timeZone, LocalDate day) {
        return readings != null && readings.stream().anyMatch(r -> r.sourceFileSha256().equals(sha256)
                && (r.timeZone().equals(timeZone) || readAlike(r.timeZone(), timeZone, day)));
    }

    /**
     * Whether two time zones read a report of a class day on {@code day} alike: the same UTC offset at every quarter hour from
     * the start of the day before to the end of the day after (a participant may leave after midnight). Unknown ids read alike
     * with nothing.
     */
    public static boolean readAlike(String zoneA, String zoneB, LocalDate day) {
        ZoneRules a;
        ZoneRules b;
        try {
            a = ZoneId.of(zoneA).getRules();
            b = ZoneId.of(zoneB).getRules();
        } catch (DateTimeException e) {
            return false;
        }
        Instant end = day.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(14));
        for (Instant t = day.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofHours(14));
             t.isBefore(end); t = t.plus(Duration.ofMinutes(15))) {
            if (!a.getOffset(t).equals(b.getOffset(t))) {
                return false;
            }
        }
        return true;
    }
}
