package com.polaris.kat.events.attendance;

import java.time.Duration;
import java.util.List;

/**
 * Whether one class day's attendance, as recorded, was "in full" by the CE rule in force when it was recorded (product
 * rule, Attendance and CE: first join at most the grace after the day's start, last leave at most the grace before its
 * end, time away between segments at most the allowed absence; with minutes present only, at least the day less both
 * graces), with the rule's figures and the facts the judgement rests on. It is recorded on {@code AttendanceRecorded} and
 * {@code AttendanceCorrected} (revision 4) for every registration, with or without the CE option, so the roster's state
 * at a glance ("late", "left early", "away 15 min") is the enrollment service's judgement, read and not worked out again
 * elsewhere. The CE decision events ({@code ModuleCeCreditEarned}, {@code ModuleCeCreditNotEarned}, …) still carry their
 * own inputs: this is what was known of the day when its attendance was recorded, not a CE decision.
 *
 * @param graceMinutes          the grace at each end of the day in force (minutes, 0–60; {@code kat.ce.grace-minutes})
 * @param allowedAbsenceMinutes the allowed time away between segments in force (minutes, 0–120; {@code kat.ce.allowed-absence-minutes})
 * @param lateArrival           no join within the day's hours was at most the grace after the day's start (any part of a
 *                              minute beyond it counts), or nothing was online within them; null when only minutes present
 *                              were recorded. Time online before the start or after the end is neither attendance nor
 *                              absence (since 2026-12-07; before, a segment before the start counted as the first join, and
 *                              the time from the start to the next join as time away)
 * @param earlyDeparture        no leave within the day's hours was at most the grace before the day's end, or nothing was
 *                              online within them; null with minutes present only
 * @param secondsAway           whole seconds offline between the arrival (the last join within the grace after the start, or
 *                              the first join when late) and the departure (the first leave within the grace before the end,
 *                              or the last leave when early), within the day's hours (a part of a second not counted; since
 *                              2026-12-07, before: between all segments); 0 with one segment; null with minutes present only
 * @param shortfalls            why the day was not attended in full, in the CE decision's words, each with the rule's bound ("first
 *                              join 14 min after the start (at most 10)"); empty when attended in full
 */
public record AttendanceInFull(int graceMinutes, int allowedAbsenceMinutes, Boolean lateArrival, Boolean earlyDeparture, Long secondsAway,
                               List<String> shortfalls) {

    public AttendanceInFull {
        shortfalls = shortfalls == null ? List.of() : List.copyOf(shortfalls);
    }

    /** Whether the day was attended in full: nothing fell short. */
    public boolean attendedInFull() {
        return shortfalls.isEmpty();
    }

    /**
     * A positive duration in the words the CE decisions and the roster give it: "14 min", or with its seconds when it has
     * any ("10 min 1 s", a part of a second counted as one). The rule compares whole minutes rounded up; the words say the
     * time itself, so 10 min 1 s late does not read "11 min" (a fresh reviewer's finding). One place for these words, so
     * the roster's "away" and a decision's shortfall never read differently for the same gap.
     */
    public static String inWords(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        long minutes = seconds / 60;
        long rest = seconds % 60;
        return rest == 0 ? minutes + " min" : minutes + " min " + rest + " s";
    }
}
