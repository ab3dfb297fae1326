package com.polaris.kat.enrollment.attendance;

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
 *       before its end, and the time away between segments (within the day) adding up to at most
 *       {@code allowedAbsenceMinutes};</li>
 *   <li>with minutes present only (a staff sign-in that gives no times): at least the day's length
 *       less both graces. The allowed absence is not granted here: without times nobody can tell
 *       whether the missing minutes were a late arrival, which forfeits the module (docs/decisions.md).</li>
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
     * Whole minutes away between the segments, counting only time inside the day
     * ({@code dayStartsAt} to {@code dayEndsAt}); null with minutes only. The gaps' seconds are
     * summed first, then rounded up to whole minutes (9 min 30 s away counts as 10; 10 min 1 s as 11).
     */
    public Integer minutesAway(Instant dayStartsAt, Instant dayEndsAt, Attended a) {
        if (a == null || a.segments().isEmpty()) {
            return null;
        }
        long seconds = 0;
        List<AttendanceSegment> s = a.segments();
        for (int i = 1; i < s.size(); i++) {
            Instant from = max(s.get(i - 1).leftAt(), dayStartsAt);
            Instant to = min(s.get(i).joinedAt(), dayEndsAt);
            if (to.isAfter(from)) {
                seconds += Duration.between(from, to).toSeconds();
            }
        }
        return (int) ((seconds + 59) / 60);
    }

    /** Whether the day was attended in full, by the rule above. */
    public boolean attendedInFull(Instant dayStartsAt, Instant dayEndsAt, Attended a) {
        if (a == null) {
            return false;
        }
        Duration grace = Duration.ofMinutes(graceMinutes);
        if (!a.segments().isEmpty()) {
            return !a.firstJoin().isAfter(dayStartsAt.plus(grace)) && !a.lastLeave().isBefore(dayEndsAt.minus(grace))
                    && minutesAway(dayStartsAt, dayEndsAt, a) <= allowedAbsenceMinutes;
        }
        long required = Duration.between(dayStartsAt, dayEndsAt).toMinutes() - 2L * graceMinutes;
        return a.minutesPresent() != null && a.minutesPresent() >= required;
    }

    /** The CE decision: CE option, evaluation completed, attended in full. */
    public boolean earns(boolean ceOption, Instant dayStartsAt, Instant dayEndsAt, Attended a, boolean evaluationCompleted) {
        return ceOption && evaluationCompleted && attendedInFull(dayStartsAt, dayEndsAt, a);
    }

    /** The rule as recorded in a ModuleCeCreditEarned event. */
    public String describe() {
        return "CE option taken, attended in full (first join within " + graceMinutes + " min of the start, last leave within "
                + graceMinutes + " min of the end, at most " + allowedAbsenceMinutes
                + " min away between segments; minutes only: the day less both graces), evaluation completed";
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
