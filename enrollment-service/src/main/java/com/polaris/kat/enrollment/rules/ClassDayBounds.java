package com.polaris.kat.enrollment.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The instants, dates and minutes a real class day can have: the one place the command side
 * decides them (every aggregate that takes a date or an attendance time asks here). A class day
 * runs 09:00-17:00 America/Los_Angeles (product rules; {@code ProgramTime}); the bounds are
 * written down in docs/decisions.md. Pure functions, no state; a value outside is a
 * {@link Refusal} (422) and nothing is appended.
 */
public final class ClassDayBounds {

    /** The earliest date a series' class day can have (inclusive). */
    public static final LocalDate FIRST_DATE = LocalDate.of(2000, 1, 1);
    /** The latest date a series' class day can have (inclusive). */
    public static final LocalDate LAST_DATE = LocalDate.of(2100, 12, 31);
    /**
     * How far before the day's start and after its end a joined/left instant may lie: 6 hours
     * either side of 09:00-17:00 Pacific is 03:00-23:00 Pacific, the class day's own calendar date.
     */
    public static final Duration MARGIN = Duration.ofHours(6);

    private ClassDayBounds() {
    }

    /**
     * Refuses a catalog date (a series' class day, a class day's new date) outside
     * {@link #FIRST_DATE}..{@link #LAST_DATE}.
     *
     * @param date the date (a calendar date in America/Los_Angeles); null is refused too
     * @param what what the date is, for the message (e.g. "The M1 class day")
     * @param field the request field that holds the date (e.g. {@code newDate}, {@code classDays[0].date}), or null
     *              when it comes from no request field
     * @throws Refusal {@code invalid-date} (422, naming {@code field})
     */
    public static void checkCatalogDate(LocalDate date, String what, String field) {
        if (date == null || date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
            throw Refusal.invalidField("invalid-date", field, what + " must be a date (YYYY-MM-DD) between " + FIRST_DATE + " and " + LAST_DATE
                    + (date == null ? "." : "; " + date + " is not."));
        }
    }

    /**
     * Refuses attendance times or minutes that the class day cannot have. Exactly one of
     * (joinedAt and leftAt) or minutesPresent is expected to be given (the caller checks the shape).
     *
     * @param classDayId     the class day, for the message
     * @param joinedAt       when the clinician joined (UTC instant), or null
     * @param leftAt         when the clinician left (UTC instant), or null
     * @param minutesPresent minutes present, or null
     * @param segment        the request path of the segment that holds joinedAt and leftAt, with a trailing dot
     *                       ({@code ""} for the request's own pair, {@code "segments[1]."}): the refusal's field is it
     *                       followed by {@code joinedAt} or {@code leftAt} ({@code minutesPresent} for the minutes)
     * @param dayStartsAt    the class day's start (09:00 Pacific, as a UTC instant)
     * @param dayEndsAt      the class day's end (17:00 Pacific, as a UTC instant)
     * @throws Refusal {@code attendance-outside-class-day} (422) when joinedAt or leftAt lies outside
     *                 [dayStartsAt - {@link #MARGIN}, dayEndsAt + {@link #MARGIN}] (both ends
     *                 inclusive) or minutesPresent exceeds the day's length (480 minutes);
     *                 {@code invalid-attendance} (422) when leftAt is not after joinedAt, a time has a fraction of
     *                 a second, or minutesPresent is negative
     */
    /**
     * Attendance is recorded once it has happened: a leave time later than {@code now}, or more minutes present than the
     * day has run by {@code now}, is refused. Without it a check-in sent during the day with the day's end as leave time
     * earned the module's hours for hours not yet attended (a fresh reviewer's; accreditors allow no partial credit, so
     * nothing is credited ahead). During the day, record who is there so far and correct it once the day has ended.
     *
     * @param leftAt         a segment's leave time, or null
     * @param minutesPresent minutes present, or null
     * @param segment        the field prefix of the segment ("" or "segments[i].")
     * @throws Refusal invalid-attendance (422) at {@code leftAt} or {@code minutesPresent}
     */
    public static void checkHappened(String classDayId, Instant leftAt, Integer minutesPresent, Instant dayStartsAt, Instant now,
                                     String segment) {
        if (leftAt != null && leftAt.isAfter(now)) {
            throw Refusal.invalidField("invalid-attendance", segment + "leftAt", "leftAt (" + leftAt + ") is later than now (" + now
                    + "): attendance on " + classDayId + " is recorded once it has happened; record who is there so far and correct it"
                    + " after the day ends.");
        }
        long minutesSoFar = now.isAfter(dayStartsAt) ? Duration.between(dayStartsAt, now).toMinutes() : 0;
        if (minutesPresent != null && minutesPresent > minutesSoFar) {
            throw Refusal.invalidField("invalid-attendance", "minutesPresent", minutesPresent + " minutes present is more than class day "
                    + classDayId + " has run by now (" + minutesSoFar + " minutes since its start at " + dayStartsAt + "); record them"
                    + " once they have happened.");
        }
    }

    public static void checkAttendance(String classDayId, Instant joinedAt, Instant leftAt, Integer minutesPresent,
                                       Instant dayStartsAt, Instant dayEndsAt, String segment) {
        Instant earliest = dayStartsAt.minus(MARGIN);
        Instant latest = dayEndsAt.plus(MARGIN);
        for (Instant t : new Instant[]{joinedAt, leftAt}) {
            // to the second, as platform logs and sign-in sheets give them: a fraction could not be shown back in a form
            // (HH:mm:ss), and a correction sent unchanged then moved 17:10:00.5 to 17:10:00 and turned a CE decision over
            // (a fresh reviewer's finding)
            if (t != null && t.getNano() != 0) {
                throw Refusal.invalidField("invalid-attendance", segment + (t == joinedAt ? "joinedAt" : "leftAt"), "joinedAt and leftAt are"
                        + " recorded to the second, as platform logs and sign-in sheets give them; " + t + " has a fraction of a second.");
            }
            if (t != null && (t.isBefore(earliest) || t.isAfter(latest))) {
                throw Refusal.invalidField("attendance-outside-class-day", segment + (t == joinedAt ? "joinedAt" : "leftAt"), "joinedAt and leftAt must lie on class day " + classDayId
                        + ": between " + earliest + " and " + latest + " (its 09:00-17:00 Pacific, " + MARGIN.toHours()
                        + " hours either side); " + t + " does not.");
            }
        }
        if (joinedAt != null && leftAt != null && !leftAt.isAfter(joinedAt)) {
            throw Refusal.invalidField("invalid-attendance", segment + "leftAt", "leftAt (" + leftAt + ") must be after joinedAt (" + joinedAt + ").");
        }
        if (minutesPresent != null) {
            long dayMinutes = Duration.between(dayStartsAt, dayEndsAt).toMinutes();
            if (minutesPresent < 0) {
                throw Refusal.invalidField("invalid-attendance", "minutesPresent", "minutesPresent must be 0 or more.");
            }
            if (minutesPresent > dayMinutes) {
                throw Refusal.invalidField("attendance-outside-class-day", "minutesPresent", "minutesPresent must be between 0 and " + dayMinutes
                        + ", the length of class day " + classDayId + " in minutes; " + minutesPresent + " is more than the day has.");
            }
        }
    }
}
