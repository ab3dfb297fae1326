package com.polaris.kat.enrollment.attendance;

import java.time.Duration;
import java.time.Instant;

/**
 * When a module earns its approved CE hours: only on a registration with the CE option, attended
 * in full, with the module evaluation completed. "In full" allows a grace at each end of the day
 * (10 minutes unless configured); late arrival or early departure beyond it forfeits the module
 * (psychologists' and counselors' accreditors allow no partial credit). Minutes present, when
 * that is all that was recorded, must reach the day's length less both graces.
 */
public record CeCreditRule(int graceMinutes) {

    public static final int DEFAULT_GRACE_MINUTES = 10;

    public CeCreditRule {
        if (graceMinutes < 0 || graceMinutes > 60) {
            throw new IllegalArgumentException("grace must be 0-60 minutes");
        }
    }

    public record Attended(Instant joinedAt, Instant leftAt, Integer minutesPresent) {
    }

    public boolean attendedInFull(Instant dayStartsAt, Instant dayEndsAt, Attended a) {
        if (a == null) {
            return false;
        }
        Duration grace = Duration.ofMinutes(graceMinutes);
        if (a.joinedAt() != null && a.leftAt() != null) {
            return !a.joinedAt().isAfter(dayStartsAt.plus(grace)) && !a.leftAt().isBefore(dayEndsAt.minus(grace));
        }
        long required = Duration.between(dayStartsAt, dayEndsAt).toMinutes() - 2L * graceMinutes;
        return a.minutesPresent() != null && a.minutesPresent() >= required;
    }

    public boolean earns(boolean ceOption, Instant dayStartsAt, Instant dayEndsAt, Attended a, boolean evaluationCompleted) {
        return ceOption && evaluationCompleted && attendedInFull(dayStartsAt, dayEndsAt, a);
    }

    /** The rule as recorded in a ModuleCeCreditEarned event. */
    public String describe() {
        return "CE option taken, attended in full (grace " + graceMinutes + " min at each end), evaluation completed";
    }
}
