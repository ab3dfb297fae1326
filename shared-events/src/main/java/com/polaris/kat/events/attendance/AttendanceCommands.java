package com.polaris.kat.events.attendance;

import org.axonframework.commandhandling.RoutingKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Attendance staff's commands, addressed to the registration (its own stream); the series id is checked. */
public final class AttendanceCommands {
    private AttendanceCommands() {
    }

    /** How attendance was verified (product rules): the platform's own log, or a sign-in taken by staff. */
    public enum Verification { PLATFORM_LOG, STAFF_SIGN_IN }

    /**
     * Either join/leave segments (UTC instants; one for a check-in entered by hand, several from a
     * participant report) or minutesPresent. {@code sourceFileSha256}: the imported report's
     * SHA-256 (hex), null when entered by hand. {@code overlapsConfirmed}: segments entered by hand
     * that overlap are refused unless the sender confirms them (the platform showed both, e.g. two
     * devices at once); they then count once, merged.
     */
    public record RecordAttendance(String seriesId, @TargetAggregateIdentifier String registrationId, String classDayId,
                                   List<AttendanceSegment> segments, Integer minutesPresent, Verification verification,
                                   String sourceFileSha256, boolean overlapsConfirmed) {
        public RecordAttendance {
            segments = segments == null ? List.of() : List.copyOf(segments);
        }

        /** Overlapping segments not confirmed (refused when entered by hand). */
        public RecordAttendance(String seriesId, String registrationId, String classDayId, List<AttendanceSegment> segments,
                                Integer minutesPresent, Verification verification, String sourceFileSha256) {
            this(seriesId, registrationId, classDayId, segments, minutesPresent, verification, sourceFileSha256, false);
        }

        /** One segment (joinedAt to leftAt), or minutesPresent when both times are null, entered by hand. */
        public RecordAttendance(String seriesId, String registrationId, String classDayId, Instant joinedAt, Instant leftAt,
                                Integer minutesPresent, Verification verification) {
            this(seriesId, registrationId, classDayId, segmentOf(joinedAt, leftAt), minutesPresent, verification, null);
        }
    }

    /** A correction is a new fact with a reason; the original check-in is kept. Shape as {@link RecordAttendance}. */
    public record CorrectAttendance(String seriesId, @TargetAggregateIdentifier String registrationId, String classDayId,
                                    List<AttendanceSegment> segments, Integer minutesPresent, Verification verification,
                                    String sourceFileSha256, String reason, boolean overlapsConfirmed) {
        public CorrectAttendance {
            segments = segments == null ? List.of() : List.copyOf(segments);
        }

        /** Overlapping segments not confirmed (refused when entered by hand). */
        public CorrectAttendance(String seriesId, String registrationId, String classDayId, List<AttendanceSegment> segments,
                                 Integer minutesPresent, Verification verification, String sourceFileSha256, String reason) {
            this(seriesId, registrationId, classDayId, segments, minutesPresent, verification, sourceFileSha256, reason, false);
        }

        /** One segment (joinedAt to leftAt), or minutesPresent when both times are null, entered by hand. */
        public CorrectAttendance(String seriesId, String registrationId, String classDayId, Instant joinedAt, Instant leftAt,
                                 Integer minutesPresent, Verification verification, String reason) {
            this(seriesId, registrationId, classDayId, segmentOf(joinedAt, leftAt), minutesPresent, verification, null, reason);
        }
    }

    /**
     * One segment from a joined/left pair entered by hand; none when both are null. A pair with one
     * side missing becomes a segment with a null end, which the registration refuses (invalid-attendance).
     */
    static List<AttendanceSegment> segmentOf(Instant joinedAt, Instant leftAt) {
        return joinedAt == null && leftAt == null ? List.of() : java.util.Collections.singletonList(new AttendanceSegment(joinedAt, leftAt));
    }

    /**
     * Records that the registration's participant completed {@code moduleCode}'s evaluation; refused before the module's
     * class day starts (409 class-day-not-started) or on a cancelled registration. A repeat appends nothing.
     */
    public record RecordEvaluationCompleted(String seriesId, @TargetAggregateIdentifier String registrationId,
                                            String moduleCode) {
    }

    /**
     * Withdraws a module evaluation recorded by mistake (the wrong participant ticked, a form not actually completed), with
     * staff's {@code reason} (required): product rules, "Attendance staff: record attendance and evaluations, correct them
     * with a reason". Hours earned on it are withdrawn in the same transaction; the evaluation can be recorded again later.
     * Refused when the module's evaluation is not recorded (409 evaluation-not-recorded).
     */
    public record WithdrawEvaluation(String seriesId, @TargetAggregateIdentifier String registrationId, String moduleCode, String reason) {
    }

    /**
     * Staff weighed the participant reports set aside against the attendance they recorded by hand on {@code classDayId}
     * ({@code ParticipantReportSetAside}) and keep that record, with their {@code reason} (required): the reports leave the
     * roster's list, stay on the stream as evidence, and are not kept again if imported again while the record stands.
     * {@code readings}: those staff saw listed and review (file and zone; at least one); the others stay listed. Refused when
     * none is outstanding (409 no-reports-to-review) or a reading named is not listed (409 report-not-listed: reviewed or
     * cleared since, or never set aside), nothing reviewed.
     */
    public record ReviewReportsSetAside(String seriesId, @TargetAggregateIdentifier String registrationId, String classDayId, String reason,
                                        List<ReportReading> readings) {
    }

    /**
     * Attend a module on another class day of the same module (another series' day), where it has room.
     * Routed by the class day (Axon Server mode): its make-up places are the contested decision.
     */
    public record BookMakeUp(String seriesId, String registrationId, String moduleCode, @RoutingKey String classDayId) {
    }

    /**
     * Cancel the make-up booked for a module (the clinician will attend the series' own day after all): the booking is
     * withdrawn on the registration's stream with {@code reason} (required, as staff give it) and the make-up place on its
     * class day comes free, in one transaction, before that day starts. Routed by the registration: its booking is the
     * decision contested.
     */
    public record CancelMakeUp(String seriesId, @RoutingKey String registrationId, String moduleCode, String reason) {
    }

    /** One expected attendee found in a participant report: the registration, its segments (UTC) and the report's lines they came from. */
    public record ReportAttendance(String registrationId, List<AttendanceSegment> segments, List<Long> lines) {
        public ReportAttendance {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }

    /**
     * Records the attendance a participant report shows for the class day's expected attendees, all
     * in one transaction: attendance recorded (or corrected where it differs, never overwritten) with
     * verification PLATFORM_LOG and the file's SHA-256; the import itself on the class day's stream.
     * Addressed to the class day (its id routes the command). {@code addToRecorded}: the report is of another meeting of the
     * same class day (the meeting was restarted, and the platform wrote a report for each part): its segments are added to those
     * recorded rather than replacing them; false, a report that differs from what is recorded corrects it. {@code reinstate}:
     * staff ask that this report's times stand again for attendees whose times it made up before and a later report (another
     * file) replaced since; without it those attendees are left as they are (SUPERSEDED). It changes nothing with
     * {@code addToRecorded}.
     */
    public record ImportParticipantReport(@TargetAggregateIdentifier String classDayId, String sourceFileSha256, String timeZone,
                                          int rows, List<Long> unmatchedLines, List<ReportAttendance> attendees, boolean addToRecorded,
                                          boolean reinstate) {
        public ImportParticipantReport {
            attendees = attendees == null ? List.of() : List.copyOf(attendees);
            unmatchedLines = unmatchedLines == null ? List.of() : List.copyOf(unmatchedLines);
        }

        /** A report of the day's meeting, which corrects what is recorded where it differs. */
        public ImportParticipantReport(String classDayId, String sourceFileSha256, String timeZone, int rows, List<Long> unmatchedLines,
                                       List<ReportAttendance> attendees) {
            this(classDayId, sourceFileSha256, timeZone, rows, unmatchedLines, attendees, false, false);
        }
    }

    /** Sets rows of a participant report imported for the class day aside, with a reason (lines as the import answered them). */
    public record IgnoreParticipantReportRows(@TargetAggregateIdentifier String classDayId, String sourceFileSha256, List<Long> lines,
                                              String reason) {
        public IgnoreParticipantReportRows {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }
}
