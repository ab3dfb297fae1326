package com.polaris.kat.enrollment.attendance;

import com.polaris.kat.events.attendance.AttendanceInFull;
import com.polaris.kat.events.attendance.AttendanceSegment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a module earns its approved CE hours (product rule, Attendance and CE): only on a
 * registration with the CE option, attended in full, with the module evaluation completed.
 * Psychologists' and counselors' accreditors allow no partial credit, so "in full" is all or
 * nothing:
 * <ul>
 *   <li>with join/leave segments (a platform log, or times entered by hand): the first join at most
 *       {@code graceMinutes} after the day's start, the last leave at most {@code graceMinutes}
 *       before its end, and the time away between segments adding up to at most
 *       {@code allowedAbsenceMinutes}. All three are judged on the segments as they fall within the day's hours
 *       ({@link #withinTheDay}): time online before the start or after the end (a sound check, a meeting left open) is
 *       neither attendance nor absence. The time away is counted from the arrival to the departure ({@link #span}): the
 *       arrival is the last join within the grace after the start, the departure the first leave within the grace
 *       before the end, so time offline before the arrival is a late arrival within the grace, after the departure an
 *       early departure within it, and never time away. Thus more time online never forfeits a module that less would
 *       have earned (fresh reviewers, 2026-12-07: a sound check 08:00–08:30, or 08:45–09:00:30, before a join at 09:08
 *       had made the minutes from the sound check's end to 09:08, within the grace, count as time away);</li>
 *   <li>with minutes present only (a staff sign-in that gives no times): at least the day's length less the smaller
 *       of {@code graceMinutes} and {@code allowedAbsenceMinutes} (470 of 480 minutes by default). Without times
 *       nobody can tell whether the missing minutes were a late arrival, an early departure or time away, so the
 *       record is in full only when it would be whichever they were: no partial credit (docs/decisions.md). Until
 *       2026-12-06 the bound was the day less both graces (460 of 480), which let a record of 20 minutes missing earn
 *       the hours a 20-minute late arrival forfeits (a fresh reviewer); decisions made before keep the rule they name.</li>
 * </ul>
 * Both figures are configurable ({@code kat.ce.grace-minutes}, {@code kat.ce.allowed-absence-minutes};
 * 10 and 10 by default) and every decision records them.
 *
 * @param graceMinutes          0–60
 * @param allowedAbsenceMinutes 0–120
 */
public record CeCreditRule(int graceMinutes, int allowedAbsenceMinutes) {

    public static final int DEFAULT_GRACE_MINUTES = 10;
    public static final int DEFAULT_ALLOWED_ABSENCE_MINUTES = 10;

    public CeCreditRule {
        if (graceMinutes < 0 || graceMinutes > 60) {
            throw new IllegalArgumentException("grace must be 0-60 minutes");
        }
        if (allowedAbsenceMinutes < 0 || allowedAbsenceMinutes > 120) {
            throw new IllegalArgumentException("allowed absence must be 0-120 minutes");
        }
    }

    /** The given grace and the default allowed absence. */
    public CeCreditRule(int graceMinutes) {
        this(graceMinutes, DEFAULT_ALLOWED_ABSENCE_MINUTES);
    }

    /**
     * What was recorded for one class day: segments (merged, time order; empty when minutes only)
     * or minutes present.
     */
    public record Attended(List<AttendanceSegment> segments, Integer minutesPresent) {
        public Attended {
            segments = segments == null ? List.of() : AttendanceSegment.merged(segments);
        }

        /** One segment, or minutes present when the times are null. */
        public Attended(Instant joinedAt, Instant leftAt, Integer minutesPresent) {
            this(joinedAt == null ? List.of() : List.of(new AttendanceSegment(joinedAt, leftAt)), minutesPresent);
        }

        /** The first join; null with minutes only. */
        public Instant firstJoin() {
            return segments.isEmpty() ? null : segments.get(0).joinedAt();
        }

        /** The last leave; null with minutes only. */
        public Instant lastLeave() {
            return segments.isEmpty() ? null : segments.get(segments.size() - 1).leftAt();
        }
    }

    /**
     * The recorded segments as they fall within the day's hours ({@code dayStartsAt} to {@code dayEndsAt}, UTC instants):
     * each cut at the start and the end, those wholly outside left out; in time order, merged. Empty when nothing was online
     * within the day (or with minutes present only).
     */
    private static List<AttendanceSegment> withinTheDay(Instant dayStartsAt, Instant dayEndsAt, Attended a) {
        List<AttendanceSegment> within = new java.util.ArrayList<>();
        for (AttendanceSegment s : a.segments()) {
            Instant from = max(s.joinedAt(), dayStartsAt);
            Instant to = min(s.leftAt(), dayEndsAt);
            if (to.isAfter(from)) {
                within.add(new AttendanceSegment(from, to));
            }
        }
        return List.copyOf(within);
    }

    /**
     * The segments within the day's hours and the two that bound the time the rule counts as away: {@code arrival}, the
     * index of the last segment joined at most the grace after the start (-1: none was, a late arrival), and
     * {@code departure}, the index of the first left at most the grace before the end (-1: none was, an early departure).
     * Both are the choice most favourable to the record: a later arrival or an earlier departure within the grace leaves
     * less time between them, and no online time can move either one the wrong way.
     */
    record Span(List<AttendanceSegment> within, int arrival, int departure) {

        /** The first segment the time away is counted from: the arrival, or with a late arrival the first within the day. */
        int from() {
            return arrival < 0 ? 0 : arrival;
        }

        /** The last segment the time away is counted to: the departure, or with an early departure the last within the day. */
        int to() {
            return departure < 0 ? within.size() - 1 : departure;
        }

        /** No join within the day at most the grace after the start (any part of a minute beyond it counts), or nothing online. */
        boolean late() {
            return arrival < 0;
        }

        /** No leave within the day at most the grace before the end, or nothing online within the day. */
        boolean early() {
            return departure < 0;
        }

        /** Whole seconds offline between the segments from {@link #from} to {@link #to} (a part of a second is not counted). */
        long secondsAway() {
            long seconds = 0;
            for (int i = from() + 1; i <= to(); i++) {
                seconds += Duration.between(within.get(i - 1).leftAt(), within.get(i).joinedAt()).toSeconds();
            }
            return seconds;
        }

        /** {@link #secondsAway} rounded up to whole minutes (9 min 30 s counts as 10; 10 min 1 s as 11). */
        long minutesAway() {
            return (secondsAway() + 59) / 60;
        }
    }

    /** The record's {@link Span} for this rule's grace; {@code a} has segments. */
    Span span(Instant dayStartsAt, Instant dayEndsAt, Attended a) {
        List<AttendanceSegment> within = withinTheDay(dayStartsAt, dayEndsAt, a);
        Instant latestArrival = dayStartsAt.plus(Duration.ofMinutes(graceMinutes));
        Instant earliestDeparture = dayEndsAt.minus(Duration.ofMinutes(graceMinutes));
        int arrival = -1;
        int departure = -1;
        for (int i = 0; i < within.size(); i++) {
            if (!within.get(i).joinedAt().isAfter(latestArrival)) {
                arrival = i;
            }
            if (departure < 0 && !within.get(i).leftAt().isBefore(earliestDeparture)) {
                departure = i;
            }
        }
        return new Span(within, arrival, departure);
    }

    /**
     * Whole minutes away between the segments within the day's hours, from the arrival to the departure ({@link #span});
     * null with minutes only. The gaps' seconds are summed first, then rounded up to whole minutes (9 min 30 s away counts
     * as 10; 10 min 1 s as 11).
     */
    public Integer minutesAway(Instant dayStartsAt, Instant dayEndsAt, Attended a) {
        if (a == null || a.segments().isEmpty()) {
            return null;
        }
        return (int) span(dayStartsAt, dayEndsAt, a).minutesAway();
    }

    /**
     * What fell short when hours are withdrawn because the module's evaluation was withdrawn (the shortfalls of that
     * {@code ModuleCeCreditRevoked}; the attendance itself may still be in full).
     */
    public static final List<String> EVALUATION_WITHDRAWN = List.of("module evaluation not completed (withdrawn)");

    /** Whether the day was attended in full, by the rule above: nothing falls short ({@link #shortfalls}). */
    public boolean attendedInFull(Instant dayStartsAt, Instant dayEndsAt, Attended a) {
        return shortfalls(dayStartsAt, dayEndsAt, a).isEmpty();
    }

    /**
     * Why the day was not attended in full, in words, each with the rule's bound (product rule, Attendance and CE: "the
     * decision names the segments and the totals"): e.g. "first join 14 min after the start (at most 10)", "last leave
     * 25 min before the end (at most 10)", "20 min away between segments (at most 10)", "first join 10 min 1 s after the
     * start (at most 10)", "465 min present (at least 470 without times: the day less 10 min)", or "no attendance recorded". A
     * bound is exceeded by any part of a minute; the words give the time itself, seconds where it has any. Empty when
     * attended in full.
     */
    public List<String> shortfalls(Instant dayStartsAt, Instant dayEndsAt, Attended a) {
        return shortfalls(dayStartsAt, dayEndsAt, a, a == null || a.segments().isEmpty() ? null : span(dayStartsAt, dayEndsAt, a));
    }

    /** {@link #shortfalls(Instant, Instant, Attended)} with the record's span already taken (null with minutes only). */
    private List<String> shortfalls(Instant dayStartsAt, Instant dayEndsAt, Attended a, Span span) {
        if (a == null) {
            return List.of("no attendance recorded");
        }
        List<String> out = new java.util.ArrayList<>();
        if (span != null) {
            List<AttendanceSegment> within = span.within();
            if (within.isEmpty()) {
                return List.of(NOT_ONLINE_WITHIN_THE_DAY);
            }
            // "within the day" when the record's own first join (last leave) is outside the day's hours, so the words do
            // not contradict the times they are shown with
            if (span.late()) {
                out.add("first join" + (a.firstJoin().isBefore(dayStartsAt) ? " within the day " : " ")
                        + AttendanceInFull.inWords(Duration.between(dayStartsAt, within.get(0).joinedAt())) + " after the start (at most " + graceMinutes + ")");
            }
            if (span.early()) {
                out.add("last leave" + (a.lastLeave().isAfter(dayEndsAt) ? " within the day " : " ")
                        + AttendanceInFull.inWords(Duration.between(within.get(within.size() - 1).leftAt(), dayEndsAt)) + " before the end (at most " + graceMinutes + ")");
            }
            if (span.minutesAway() > allowedAbsenceMinutes) {
                out.add(AttendanceInFull.inWords(Duration.ofSeconds(span.secondsAway())) + " away between segments (at most "
                        + allowedAbsenceMinutes + ")");
            }
            return List.copyOf(out);
        }
        long required = minutesRequiredWithoutTimes(dayStartsAt, dayEndsAt);
        if (a.minutesPresent() == null || a.minutesPresent() < required) {
            out.add((a.minutesPresent() == null ? 0 : a.minutesPresent()) + " min present (at least " + required
                    + " without times: the day less " + minutesMissableWithoutTimes() + " min)");
        }
        return List.copyOf(out);
    }

    /** The shortfall of a record whose segments all lie before the day's start or after its end. */
    public static final String NOT_ONLINE_WITHIN_THE_DAY = "not online between the day's start and end";

    /**
     * The most minutes a "minutes present" record may miss of the day and still be in full: the smaller of the grace and
     * the allowed absence, since the missing minutes may have been any of a late arrival, an early departure or time away.
     */
    public int minutesMissableWithoutTimes() {
        return Math.min(graceMinutes, allowedAbsenceMinutes);
    }

    /** Minutes present a record without times needs: the day's length in minutes less {@link #minutesMissableWithoutTimes()}. */
    public long minutesRequiredWithoutTimes(Instant dayStartsAt, Instant dayEndsAt) {
        return Duration.between(dayStartsAt, dayEndsAt).toMinutes() - minutesMissableWithoutTimes();
    }

    /**
     * The day's attendance judged by this rule, as recorded on the attendance events for every registration (the roster's
     * "late", "left early" and "away" read it): late arrival and early departure beyond the grace, the seconds away between
     * segments within the day, and the shortfalls in {@link #shortfalls}' words; null when nothing was recorded.
     */
    public AttendanceInFull judge(Instant dayStartsAt, Instant dayEndsAt, Attended a) {
        if (a == null) {
            return null;
        }
        Span span = a.segments().isEmpty() ? null : span(dayStartsAt, dayEndsAt, a);
        return new AttendanceInFull(graceMinutes, allowedAbsenceMinutes,
                span == null ? null : span.late(),
                span == null ? null : span.early(),
                span == null ? null : span.secondsAway(),
                shortfalls(dayStartsAt, dayEndsAt, a, span));
    }

    /** The CE decision: CE option, evaluation completed, attended in full. */
    public boolean earns(boolean ceOption, Instant dayStartsAt, Instant dayEndsAt, Attended a, boolean evaluationCompleted) {
        return ceOption && evaluationCompleted && attendedInFull(dayStartsAt, dayEndsAt, a);
    }

    /** The rule as recorded in a ModuleCeCreditEarned event. */
    public String describe() {
        return "CE option taken, attended in full (first join within " + graceMinutes + " min of the start, last leave within "
                + graceMinutes + " min of the end, at most " + allowedAbsenceMinutes
                + " min away between segments after the arrival and before the departure, time online outside the day's hours not"
                + " counted; minutes only: the day less "
                + minutesMissableWithoutTimes() + " min), evaluation completed";
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
