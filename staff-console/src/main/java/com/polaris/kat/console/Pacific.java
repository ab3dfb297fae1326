package com.polaris.kat.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates and times as staff read them: in Pacific time (the program's zone), with the zone named.
 * Used by the templates as {@code @pacific}.
 */
@Component("pacific")
public class Pacific {

    /** The program's zone. */
    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE MMM d, yyyy h:mm a zzz", Locale.US);
    private static final DateTimeFormatter DATE_TIME_WITH_SECONDS = DateTimeFormatter.ofPattern("EEE MMM d, yyyy h:mm:ss a zzz", Locale.US);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a zzz", Locale.US);
    private static final DateTimeFormatter TIME_WITH_SECONDS = DateTimeFormatter.ofPattern("h:mm:ss a zzz", Locale.US);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM d, yyyy", Locale.US);

    /**
     * "Sun Dec 6, 2026 12:21:14 PM PST" for an ISO instant, to the second, "" for none: the audit trail's times, where events
     * within one minute must not read as simultaneous (a fresh reviewer's).
     */
    public String dateTimeWithSeconds(Object instant) {
        Instant i = instant(instant);
        return i == null ? "" : DATE_TIME_WITH_SECONDS.format(i.atZone(ZONE));
    }

    /** "Tue Dec 8, 2026 9:02 AM PST" for an ISO instant (text or JSON), "" for none. */
    public String dateTime(Object instant) {
        Instant i = instant(instant);
        return i == null ? "" : DATE_TIME.format(i.atZone(ZONE));
    }

    /**
     * "9:02 AM PST" for an ISO instant, "12:10:30 PM PDT" when it has seconds (a platform's report records them: the
     * roster had shown 12:10:30 as 12:10 beside "Away 10 min 30 s", a fresh reviewer's finding), "" for none.
     */
    public String time(Object instant) {
        Instant i = instant(instant);
        return i == null ? "" : (i.getEpochSecond() % 60 == 0 ? TIME : TIME_WITH_SECONDS).format(i.atZone(ZONE));
    }

    /**
     * "09:02" (24-hour Pacific wall clock, for a time input) for an ISO instant, "13:10:30" when it has seconds (a
     * platform's report records them: a form sent back unchanged keeps them), or the fallback when there is none.
     */
    public String inputTime(Object instant, String fallback) {
        Instant i = instant(instant);
        return i == null ? fallback : DateTimeFormatter.ofPattern(i.getEpochSecond() % 60 == 0 ? "HH:mm" : "HH:mm:ss").format(i.atZone(ZONE));
    }

    /** "Tue Dec 8, 2026" for an ISO date. */
    public String date(Object isoDate) {
        String s = text(isoDate);
        return s == null ? "" : DATE.format(LocalDate.parse(s));
    }

    /** The zone's name, shown beside every time input. */
    public String zoneName() {
        return "Pacific time (America/Los_Angeles)";
    }

    /** "03:00": an instant's 24-hour Pacific wall-clock time, as the time inputs show times. */
    public static String hhmm(Instant instant) {
        return DateTimeFormatter.ofPattern("HH:mm").format(instant.atZone(ZONE));
    }

    /** The instant of a Pacific wall-clock time on a date. */
    public static Instant at(LocalDate date, LocalTime time) {
        return date.atTime(time).atZone(ZONE).toInstant();
    }

    /** The start of a Pacific calendar date, as an instant. */
    public static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    private static Instant instant(Object value) {
        String s = text(value);
        return s == null ? null : Instant.parse(s);
    }

    private static String text(Object value) {
        if (value instanceof JsonNode n) {
            return n.isNull() || n.isMissingNode() ? null : n.asText();
        }
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }
}
