package com.polaris.kat.events.attendance;

import com.polaris.kat.events.catalog.CeHoursApproval;

import org.axonframework.serialization.Revision;

import com.polaris.kat.events.attendance.AttendanceCommands.Verification;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Attendance and CE facts (ParticipantReportSetAside included), on the registration's own stream; on the class day's stream: ClassDayMakeUpTaken,
 * ClassDayMakeUpReleased, ParticipantReportImported and ParticipantReportRowsIgnored.
 */
public final class AttendanceEvents {
    private AttendanceEvents() {
    }

    /**
     * Attendance on one class day: the segments of presence (merged, in time order; empty when only
     * minutes present were recorded), the first join and last leave of those segments (null when
     * minutes only), how it was verified, and for an imported participant report the SHA-256 of the
     * file (hex; null otherwise). Revision 2 added {@code segments} and {@code sourceFileSha256}
     * (revision 1 held one joined/left pair; its upcaster makes that the one segment). Revision 3 adds
     * {@code segmentsAsGiven}: the segments as the request or the report gave them (in its order) when some overlapped
     * and were merged into {@code segments}, which staff must confirm for segments typed by hand ({@code overlapsConfirmed})
     * and a participant report does for a person connected twice; null when nothing was merged, and in events of
     * revisions 1 and 2 (not recorded then). A fresh reviewer's finding, 2026-12-01: a confirmed overlap left no trace.
     * Revision 4 adds {@code inFull}: whether the day was attended in full by the CE rule in force, with its figures and
     * what fell short ({@link AttendanceInFull}), for every registration; null in events of revisions 1 to 3 (not recorded
     * then). The roster had worked out "late" and "away" again with a fixed 10-minute grace, not the configured one.
     * Revision 5 adds {@code reportReadings}: the participant report readings (file and time zone, {@link ReportReading})
     * whose times make up {@code segments}, oldest first: one for a report imported, each report of another meeting of the day
     * added after it; null when staff entered the times or minutes by hand ({@code sourceFileSha256} null too), and in events
     * of revisions 1 to 4 (not recorded then). A report imported again is a repeat for this registration only while its reading is among these: a
     * fresh reviewer's retry of the morning's file, after a file that corrected only someone else, had dropped the afternoon
     * added for this registration and withdrawn its CE hours (the day's imports alone could not tell whose record a reading
     * still made up).
     */
    @Revision("5")
    public record AttendanceRecorded(String seriesId, String registrationId, String clinicianId, String classDayId,
                                     String moduleCode, Instant joinedAt, Instant leftAt, List<AttendanceSegment> segments,
                                     Integer minutesPresent, Verification verification, String sourceFileSha256,
                                     List<AttendanceSegment> segmentsAsGiven, AttendanceInFull inFull, List<ReportReading> reportReadings) {
        public AttendanceRecorded {
            segments = segments == null ? List.of() : List.copyOf(segments);
            segmentsAsGiven = segmentsAsGiven == null || segmentsAsGiven.isEmpty() ? null : List.copyOf(segmentsAsGiven);
            reportReadings = reportReadings == null ? null : List.copyOf(reportReadings);
        }

        /** The report readings not recorded (as in revisions 1 to 4). */
        public AttendanceRecorded(String seriesId, String registrationId, String clinicianId, String classDayId, String moduleCode,
                                  Instant joinedAt, Instant leftAt, List<AttendanceSegment> segments, Integer minutesPresent,
                                  Verification verification, String sourceFileSha256, List<AttendanceSegment> segmentsAsGiven,
                                  AttendanceInFull inFull) {
            this(seriesId, registrationId, clinicianId, classDayId, moduleCode, joinedAt, leftAt, segments, minutesPresent, verification,
                    sourceFileSha256, segmentsAsGiven, inFull, null);
        }

        /** Nothing merged (the segments as given are {@code segments}); the in-full judgement not recorded (as in revisions 1 to 3). */
        public AttendanceRecorded(String seriesId, String registrationId, String clinicianId, String classDayId, String moduleCode,
                                  Instant joinedAt, Instant leftAt, List<AttendanceSegment> segments, Integer minutesPresent,
                                  Verification verification, String sourceFileSha256) {
            this(seriesId, registrationId, clinicianId, classDayId, moduleCode, joinedAt, leftAt, segments, minutesPresent, verification,
                    sourceFileSha256, null, null);
        }

        /** One segment (joinedAt to leftAt) or minutes present, entered by hand; the in-full judgement not recorded. */
        public AttendanceRecorded(String seriesId, String registrationId, String clinicianId, String classDayId, String moduleCode,
                                  Instant joinedAt, Instant leftAt, Integer minutesPresent, Verification verification) {
            this(seriesId, registrationId, clinicianId, classDayId, moduleCode, joinedAt, leftAt,
                    joinedAt == null ? List.of() : List.of(new AttendanceSegment(joinedAt, leftAt)), minutesPresent, verification, null, null,
                    null);
        }
    }

    /**
     * A correction with its reason, in the shape of {@link AttendanceRecorded} (revisions 2 to 5 likewise: {@code inFull}
     * judges the corrected attendance; {@code reportReadings} are the readings whose times make up the corrected segments:
     * the report's alone when it replaced the times, those before and the report's when it was another meeting added, null
     * for a correction by hand).
     */
    @Revision("5")
    public record AttendanceCorrected(String seriesId, String registrationId, String clinicianId, String classDayId,
                                      String moduleCode, Instant joinedAt, Instant leftAt, List<AttendanceSegment> segments,
                                      Integer minutesPresent, Verification verification, String sourceFileSha256, String reason,
                                      List<AttendanceSegment> segmentsAsGiven, AttendanceInFull inFull, List<ReportReading> reportReadings) {
        public AttendanceCorrected {
            segments = segments == null ? List.of() : List.copyOf(segments);
            segmentsAsGiven = segmentsAsGiven == null || segmentsAsGiven.isEmpty() ? null : List.copyOf(segmentsAsGiven);
            reportReadings = reportReadings == null ? null : List.copyOf(reportReadings);
        }

        /** The report readings not recorded (as in revisions 1 to 4). */
        public AttendanceCorrected(String seriesId, String registrationId, String clinicianId, String classDayId, String moduleCode,
                                   Instant joinedAt, Instant leftAt, List<AttendanceSegment> segments, Integer minutesPresent,
                                   Verification verification, String sourceFileSha256, String reason,
                                   List<AttendanceSegment> segmentsAsGiven, AttendanceInFull inFull) {
            this(seriesId, registrationId, clinicianId, classDayId, moduleCode, joinedAt, leftAt, segments, minutesPresent, verification,
                    sourceFileSha256, reason, segmentsAsGiven, inFull, null);
        }

        /** Nothing merged (the segments as given are {@code segments}); the in-full judgement not recorded (as in revisions 1 to 3). */
        public AttendanceCorrected(String seriesId, String registrationId, String clinicianId, String classDayId, String moduleCode,
                                   Instant joinedAt, Instant leftAt, List<AttendanceSegment> segments, Integer minutesPresent,
                                   Verification verification, String sourceFileSha256, String reason) {
            this(seriesId, registrationId, clinicianId, classDayId, moduleCode, joinedAt, leftAt, segments, minutesPresent, verification,
                    sourceFileSha256, reason, null, null);
        }

        /** One segment (joinedAt to leftAt) or minutes present, entered by hand; the in-full judgement not recorded. */
        public AttendanceCorrected(String seriesId, String registrationId, String clinicianId, String classDayId, String moduleCode,
                                   Instant joinedAt, Instant leftAt, Integer minutesPresent, Verification verification, String reason) {
            this(seriesId, registrationId, clinicianId, classDayId, moduleCode, joinedAt, leftAt,
                    joinedAt == null ? List.of() : List.of(new AttendanceSegment(joinedAt, leftAt)), minutesPresent, verification, null, reason, null,
                    null);
        }
    }

    /**
     * Registration stream: a participant report showed other times for this registration on the class day than the attendance
     * staff recorded or corrected by hand, which stands (product rules: a check-in is never overwritten, and corrections are
     * staff's, with a reason); the report's times are kept here as evidence, not applied: {@code segments} as the report shows
     * them for this registration (merged, in time order, instants UTC), the file's SHA-256 (hex) and the IANA time zone its
     * local times were read in, {@code anotherMeeting} whether it was imported as another meeting of the day (its times would
     * have been added to those recorded), and {@code reason} in words. The attendance, its CE decision and its in-full judgement
     * are unchanged; staff who find the report right correct the attendance by hand. Recorded once per set of times (to the minute)
     * while the hand record stands, whatever the file or zone: not again for a retry, a copy of a file already set aside, or
     * a zone's reading imported again. New in revision 1 (2026-12-07: a report contradicting a hand record was counted on the day's import and its
     * times were lost, so an auditor could not see what the platform's log had said).
     */
    @Revision("1")
    public record ParticipantReportSetAside(String seriesId, String registrationId, String clinicianId, String classDayId, String moduleCode,
                                            String sourceFileSha256, String timeZone, List<AttendanceSegment> segments,
                                            boolean anotherMeeting, String reason) {
        public ParticipantReportSetAside {
            segments = segments == null ? List.of() : List.copyOf(segments);
        }
    }

    /**
     * Registration stream: attendance staff weighed the participant reports set aside against their record by hand of
     * {@code classDayId} ({@link ParticipantReportSetAside}, {@code reports} of them outstanding) and keep the record, for
     * {@code reason} (their words). The record and its CE decision are unchanged; the reports stay on the stream as evidence,
     * leave the roster's list, and are not kept again if imported again while the record stands. New in revision 1
     * (2026-12-07: a fresh reviewer could not clear a report set aside without correcting the day, and an auditor could not
     * see that staff had weighed it). Revision 2 adds {@code readings}: the readings reviewed (file and zone, as staff saw them
     * listed; {@code reports} is their number); readings set aside since stay listed. Null in events of revision 1, which
     * reviewed every reading outstanding (the next reviewer's review dismissed a reading imported while the form was open).
     * Recorded also by an import whose reading of a file agrees with the record, for that file's readings set aside before
     * (another zone's, or imported without "another meeting"), with a reason saying so.
     */
    @Revision("2")
    public record ReportsSetAsideReviewed(String seriesId, String registrationId, String clinicianId, String classDayId, String moduleCode,
                                          int reports, String reason, List<ReportReading> readings) {
        public ReportsSetAsideReviewed {
            readings = readings == null ? null : List.copyOf(readings);
        }
    }

    /**
     * Registration stream: the participant completed the module's evaluation (recorded by attendance staff, once per
     * module; the time is the event's timestamp, UTC). On a registration with the CE option and the module attended in full it earns the module's CE hours (product
     * rules, "Attendance and CE"; the decision that follows is {@link ModuleCeCreditEarned} or none).
     */
    @Revision("1")
    public record ModuleEvaluationCompleted(String seriesId, String registrationId, String clinicianId,
                                            String moduleCode) {
    }

    /**
     * Registration stream: a recorded module evaluation withdrawn by attendance staff, with their {@code reason} (a correction:
     * the earlier {@link ModuleEvaluationCompleted} stays in the record; the actor is in the metadata, the time is the event's
     * timestamp, UTC). Hours earned on it are withdrawn by the {@link ModuleCeCreditRevoked} that follows in the same
     * transaction, whose shortfalls say the evaluation is missing. The evaluation may be recorded again. {@code classDayId}: the
     * day the module is attended on (the series' own day, or the make-up day booked for it), which the evaluation was of.
     */
    @Revision("1")
    public record ModuleEvaluationWithdrawn(String seriesId, String registrationId, String clinicianId, String moduleCode, String classDayId,
                                            String reason) {
    }

    /**
     * The CE decision for one module, with every input, so it can be recomputed from the event alone
     * (product rule, Attendance and CE): the class day's hours and times, the segments attended
     * (first join, last leave), or the minutes present; the grace at each end and the allowed
     * absence in minutes; the minutes away between segments; and that the evaluation was completed.
     * Revision 2 added {@code segments}, {@code minutesAway} and {@code allowedAbsenceMinutes}
     * (revision 1 decisions had one segment, nothing away, and no absence allowed: its upcaster says so).
     * Revision 3 added {@code reason}: the correction's (staff's, or a participant report's) when a correction earned the
     * hours, null when a check-in or an evaluation did (and in revisions 1 and 2: not recorded; its upcaster). A fresh
     * reviewer found hours earned again by a correction without the correction's reason, while upheld and withdrawn ones had it.
     * Revision 4 added {@code ceHoursApproval}: the approval the hours come from (the module's change and its
     * {@code effectiveFrom}, or the hours the series was scheduled with); null in revisions 1–3 ("not recorded"; its upcaster).
     */
    @Revision("4")
    public record ModuleCeCreditEarned(String seriesId, String registrationId, String clinicianId, String moduleCode,
                                       String moduleTitle, String classDayId, LocalDate classDate, BigDecimal ceHours,
                                       Instant dayStartsAt, Instant dayEndsAt, Instant joinedAt, Instant leftAt,
                                       List<AttendanceSegment> segments, Integer minutesPresent, Integer minutesAway,
                                       int graceMinutes, Integer allowedAbsenceMinutes, String rule, String reason,
                                       CeHoursApproval ceHoursApproval) {
        public ModuleCeCreditEarned {
            segments = segments == null ? List.of() : List.copyOf(segments);
        }

        /** Revision 3's shape (no approval named: "not recorded"); fixtures of the read side. */
        public ModuleCeCreditEarned(String seriesId, String registrationId, String clinicianId, String moduleCode,
                                    String moduleTitle, String classDayId, LocalDate classDate, BigDecimal ceHours,
                                    Instant dayStartsAt, Instant dayEndsAt, Instant joinedAt, Instant leftAt,
                                    List<AttendanceSegment> segments, Integer minutesPresent, Integer minutesAway,
                                    int graceMinutes, Integer allowedAbsenceMinutes, String rule, String reason) {
            this(seriesId, registrationId, clinicianId, moduleCode, moduleTitle, classDayId, classDate, ceHours, dayStartsAt, dayEndsAt,
                    joinedAt, leftAt, segments, minutesPresent, minutesAway, graceMinutes, allowedAbsenceMinutes, rule, reason, null);
        }

        /** Earned on a check-in or an evaluation: no correction's reason (no approval named; fixtures). */
        public ModuleCeCreditEarned(String seriesId, String registrationId, String clinicianId, String moduleCode,
                                    String moduleTitle, String classDayId, LocalDate classDate, BigDecimal ceHours,
                                    Instant dayStartsAt, Instant dayEndsAt, Instant joinedAt, Instant leftAt,
                                    List<AttendanceSegment> segments, Integer minutesPresent, Integer minutesAway,
                                    int graceMinutes, Integer allowedAbsenceMinutes, String rule) {
            this(seriesId, registrationId, clinicianId, moduleCode, moduleTitle, classDayId, classDate, ceHours, dayStartsAt, dayEndsAt,
                    joinedAt, leftAt, segments, minutesPresent, minutesAway, graceMinutes, allowedAbsenceMinutes, rule, null, null);
        }

        /** A decision on one segment (or minutes present) with no time away, as before segments (revision 1's shape). */
        public ModuleCeCreditEarned(String seriesId, String registrationId, String clinicianId, String moduleCode, String moduleTitle,
                                    String classDayId, LocalDate classDate, BigDecimal ceHours, Instant dayStartsAt, Instant dayEndsAt,
                                    Instant joinedAt, Instant leftAt, Integer minutesPresent, int graceMinutes, String rule) {
            this(seriesId, registrationId, clinicianId, moduleCode, moduleTitle, classDayId, classDate, ceHours, dayStartsAt, dayEndsAt,
                    joinedAt, leftAt, joinedAt == null ? List.of() : List.of(new AttendanceSegment(joinedAt, leftAt)), minutesPresent,
                    joinedAt == null ? null : 0, graceMinutes, null, rule, null, null);
        }
    }

    /**
     * A correction showed the module was not attended in full: its hours are withdrawn, with the decision's inputs as the
     * earning carries them (product rule, Attendance and CE; issue 12: every decision carries its inputs): the class
     * day's times, the attendance now recorded (segments, first join and last leave, or minutes present), the minutes
     * away, the grace at each end and the allowed absence in minutes, and the rule; and what fell short in words
     * ({@code shortfalls}, as {@link ModuleCeCreditNotEarned} names them). Revision 2 added the inputs (a fresh reviewer
     * found a withdrawal that said only "shows other times"); revision 1 withdrawals have them null (its upcaster).
     * Revision 3 added {@code shortfalls} (a fresh reviewer: a withdrawal never said what fell short, while a day not
     * earned did); revision 1 and 2 withdrawals have it null ("not recorded"; its upcaster).
     * Revision 4 added {@code ceHoursApproval}, the approval the withdrawn hours come from (as {@link ModuleCeCreditEarned}
     * names it); null in revisions 1–3 ("not recorded"; its upcaster).
     */
    @Revision("4")
    public record ModuleCeCreditRevoked(String seriesId, String registrationId, String clinicianId, String moduleCode,
                                        String classDayId, BigDecimal ceHours, String reason, Instant dayStartsAt, Instant dayEndsAt,
                                        Instant joinedAt, Instant leftAt, List<AttendanceSegment> segments, Integer minutesPresent,
                                        Integer minutesAway, Integer graceMinutes, Integer allowedAbsenceMinutes, String rule,
                                        List<String> shortfalls, CeHoursApproval ceHoursApproval) {

        /** Revision 3's shape (no approval named); fixtures of the read side. */
        public ModuleCeCreditRevoked(String seriesId, String registrationId, String clinicianId, String moduleCode, String classDayId,
                                     BigDecimal ceHours, String reason, Instant dayStartsAt, Instant dayEndsAt, Instant joinedAt, Instant leftAt,
                                     List<AttendanceSegment> segments, Integer minutesPresent, Integer minutesAway, Integer graceMinutes,
                                     Integer allowedAbsenceMinutes, String rule, List<String> shortfalls) {
            this(seriesId, registrationId, clinicianId, moduleCode, classDayId, ceHours, reason, dayStartsAt, dayEndsAt, joinedAt, leftAt,
                    segments, minutesPresent, minutesAway, graceMinutes, allowedAbsenceMinutes, rule, shortfalls, null);
        }

        /** A withdrawal without its inputs (revision 1's shape; fixtures of the read side). */
        public ModuleCeCreditRevoked(String seriesId, String registrationId, String clinicianId, String moduleCode, String classDayId,
                                     BigDecimal ceHours, String reason) {
            this(seriesId, registrationId, clinicianId, moduleCode, classDayId, ceHours, reason, null, null, null, null, null, null, null,
                    null, null, null, null, null);
        }

        /** A withdrawal with its inputs and without its shortfalls (revision 2's shape; fixtures). */
        public ModuleCeCreditRevoked(String seriesId, String registrationId, String clinicianId, String moduleCode, String classDayId,
                                     BigDecimal ceHours, String reason, Instant dayStartsAt, Instant dayEndsAt, Instant joinedAt, Instant leftAt,
                                     List<AttendanceSegment> segments, Integer minutesPresent, Integer minutesAway, Integer graceMinutes,
                                     Integer allowedAbsenceMinutes, String rule) {
            this(seriesId, registrationId, clinicianId, moduleCode, classDayId, ceHours, reason, dayStartsAt, dayEndsAt, joinedAt, leftAt,
                    segments, minutesPresent, minutesAway, graceMinutes, allowedAbsenceMinutes, rule, null, null);
        }
    }

    /**
     * The CE decision that a module's hours are not earned because the day was not attended in full (product rule,
     * Attendance and CE: "the decision names the segments and the totals"), on a registration with the CE option, made
     * when attendance on one of the module's days is recorded or corrected; with the inputs an earning carries (the class day's times, the
     * segments or the minutes present, the minutes away, the grace and the allowed absence, the rule) and what fell short
     * in words ({@code shortfalls}, e.g. "20 min away between segments (at most 10)"). A module is decided on each of its days (its
     * own and a make-up): a day not attended in full gets this decision even while another day of the module holds the
     * earned hours (they stay), and just before a {@link ModuleCeCreditRevoked} when the day that held them no longer
     * earns them. Not appended while only the evaluation is missing (no decision yet). New in revision 1 (2026-12-01; a fresh reviewer found a day not attended in full left no decision).
     * Revision 2 added {@code ceHoursApproval}, the approval the hours not earned come from; null in revision 1 ("not
     * recorded"; its upcaster).
     */
    @Revision("2")
    public record ModuleCeCreditNotEarned(String seriesId, String registrationId, String clinicianId, String moduleCode,
                                          String classDayId, BigDecimal ceHours, Instant dayStartsAt, Instant dayEndsAt,
                                          Instant joinedAt, Instant leftAt, List<AttendanceSegment> segments, Integer minutesPresent,
                                          Integer minutesAway, int graceMinutes, int allowedAbsenceMinutes, String rule,
                                          List<String> shortfalls, CeHoursApproval ceHoursApproval) {
        public ModuleCeCreditNotEarned {
            segments = segments == null ? List.of() : List.copyOf(segments);
            shortfalls = shortfalls == null ? List.of() : List.copyOf(shortfalls);
        }

        /** Revision 1's shape (no approval named); fixtures of the read side. */
        public ModuleCeCreditNotEarned(String seriesId, String registrationId, String clinicianId, String moduleCode,
                                       String classDayId, BigDecimal ceHours, Instant dayStartsAt, Instant dayEndsAt,
                                       Instant joinedAt, Instant leftAt, List<AttendanceSegment> segments, Integer minutesPresent,
                                       Integer minutesAway, int graceMinutes, int allowedAbsenceMinutes, String rule,
                                       List<String> shortfalls) {
            this(seriesId, registrationId, clinicianId, moduleCode, classDayId, ceHours, dayStartsAt, dayEndsAt, joinedAt, leftAt, segments,
                    minutesPresent, minutesAway, graceMinutes, allowedAbsenceMinutes, rule, shortfalls, null);
        }
    }

    /**
     * The module's hours stand after the attendance they rest on was corrected (its times changed, by staff or a participant
     * report) and a day of the module is still attended in full: the decision again, with every input as corrected (the
     * fields of {@link ModuleCeCreditEarned}: the day the hours now rest on, which may be the module's other day when the
     * corrected one fell short, its times, the segments, minutes present and away, the grace and allowed absence, the rule)
     * and the correction's {@code reason}; {@code correctedClassDayId} is the day whose correction led to it and
     * {@code correctedDayShortfalls} what fell short there when the hours moved to the other day (empty when that day is
     * still in full). Not a second earning: the hours were earned once. Product rule: "the decision names the segments and
     * the totals"; a fresh reviewer found an earned decision naming times a correction had replaced. New in revision 1
     * (2026-12-02). Revision 2 added {@code ceHoursApproval}, the approval the hours come from; null in revision 1 ("not
     * recorded"; its upcaster).
     */
    @Revision("2")
    public record ModuleCeCreditUpheld(String seriesId, String registrationId, String clinicianId, String moduleCode,
                                       String moduleTitle, String classDayId, LocalDate classDate, BigDecimal ceHours,
                                       Instant dayStartsAt, Instant dayEndsAt, Instant joinedAt, Instant leftAt,
                                       List<AttendanceSegment> segments, Integer minutesPresent, Integer minutesAway,
                                       int graceMinutes, Integer allowedAbsenceMinutes, String rule, String reason,
                                       String correctedClassDayId, List<String> correctedDayShortfalls, CeHoursApproval ceHoursApproval) {
        public ModuleCeCreditUpheld {
            segments = segments == null ? List.of() : List.copyOf(segments);
            correctedDayShortfalls = correctedDayShortfalls == null ? List.of() : List.copyOf(correctedDayShortfalls);
        }

        /** Revision 1's shape (no approval named); fixtures of the read side. */
        public ModuleCeCreditUpheld(String seriesId, String registrationId, String clinicianId, String moduleCode,
                                    String moduleTitle, String classDayId, LocalDate classDate, BigDecimal ceHours,
                                    Instant dayStartsAt, Instant dayEndsAt, Instant joinedAt, Instant leftAt,
                                    List<AttendanceSegment> segments, Integer minutesPresent, Integer minutesAway,
                                    int graceMinutes, Integer allowedAbsenceMinutes, String rule, String reason,
                                    String correctedClassDayId, List<String> correctedDayShortfalls) {
            this(seriesId, registrationId, clinicianId, moduleCode, moduleTitle, classDayId, classDate, ceHours, dayStartsAt, dayEndsAt,
                    joinedAt, leftAt, segments, minutesPresent, minutesAway, graceMinutes, allowedAbsenceMinutes, rule, reason,
                    correctedClassDayId, correctedDayShortfalls, null);
        }
    }

    /** The registration will attend this module on another series' class day. */
    @Revision("1")
    public record MakeUpBooked(String seriesId, String registrationId, String clinicianId, String moduleCode,
                               String classDayId, LocalDate date, Instant startsAt, Instant endsAt) {
    }

    /**
     * The class day a make-up is booked on moved ({@code ClassDayMoved} on the day's stream, in the same transaction), and
     * the make-up follows it: the module is attended on {@code toDate} (was {@code fromDate}), {@code startsAt} to
     * {@code endsAt} (UTC instants of 09:00–17:00 America/Los_Angeles, product rule), and its attendance, evaluation and
     * cancellation are decided on those times from now on. {@code reason} is the move's, as the registrar gave it.
     * New 2026-12-05 (a fresh reviewer's make-up kept its old date after its day moved, and its attendance was refused).
     */
    @Revision("1")
    public record MakeUpRescheduled(String seriesId, String registrationId, String clinicianId, String moduleCode,
                                    String classDayId, LocalDate fromDate, LocalDate toDate, Instant startsAt, Instant endsAt,
                                    String reason) {
    }

    /**
     * The make-up booked for a module on {@code classDayId} was cancelled before that day started, so the module is
     * attended on the series' own day again; {@code reason} says why: staff's words, or, decided by the registration when
     * attendance in full was recorded on another day of the module, "module M2 attended in full on M2-2023-11-09" (a make-up
     * replaces a missed module, product rule; the place goes back to the day's make-up places). New in revision 1
     * (2026-12-02: a booked make-up could only be moved, never given back).
     */
    @Revision("1")
    public record MakeUpCancelled(String seriesId, String registrationId, String clinicianId, String moduleCode,
                                  String classDayId, String reason) {
    }

    /**
     * A make-up place on the class day was taken; {@code roomBefore} is the make-up places the day
     * had left when it was taken (its make-up places less the places held).
     */
    @Revision("1")
    public record ClassDayMakeUpTaken(String classDayId, String seriesId, String registrationId, int roomBefore) {
    }

    /**
     * A make-up place on the class day came free: its registration was cancelled, or its make-up
     * moved to another day or was cancelled ({@code reason} says which). {@code placesHeldAfter} counts the make-up
     * places still held on the day.
     */
    @Revision("1")
    public record ClassDayMakeUpReleased(String classDayId, String registrationId, String reason, int placesHeldAfter) {
    }

    /**
     * A video platform's participant report was imported for the class day (issue 17): the file's
     * SHA-256 (hex), the time zone its times were read in, and counts: rows read, attendees whose
     * attendance was recorded, corrected or found unchanged, and rows left unmatched (guests without
     * an e-mail address, people not expected that day). The rows themselves are not kept: each
     * attendee's segments are on their registration's stream, and unmatched rows are personal data
     * of people who are not participants. Revision 2 adds the unmatched rows' line numbers (ascending),
     * the only rows staff may set aside; null in events of revision 1 (not recorded then). Revision 3 adds
     * {@code addedToRecorded}: true when staff imported the report as another meeting of the day, so its times were added
     * to those recorded and {@code attendeesCorrected} counts attendees whose times were added; false when a report that
     * differed from the record replaced it; null in events of revisions 1 and 2 (not recorded then). Revision 4 adds
     * {@code attendeesNotAdded}: in an import of another meeting, the attendees whose times in it overlapped those recorded
     * and were not added (the same meeting again); null in events of revisions 1 to 3 (not recorded then). Revision 5 adds
     * {@code attendeesSuperseded}: the attendees the report named and left as recorded because staff's record by hand, or a
     * later report, stands (a fresh reviewer's report contradicting a hand check-in left no trace in the day's imports), and
     * {@code reinstated}: whether staff asked that the report stand again where a later one had replaced it; both null in
     * events of revisions 1 to 4 (not recorded then).
     */
    @Revision("5")
    public record ParticipantReportImported(String classDayId, String sourceFileSha256, String timeZone, int rows,
                                            int attendeesRecorded, int attendeesCorrected, int attendeesUnchanged,
                                            int rowsUnmatched, List<Long> unmatchedLines, Boolean addedToRecorded,
                                            Integer attendeesNotAdded, Integer attendeesSuperseded, Boolean reinstated) {
        public ParticipantReportImported {
            unmatchedLines = unmatchedLines == null ? null : List.copyOf(unmatchedLines);
        }

        /** Whom the report left as recorded, and whether it was asked to stand again, not recorded (as in revisions 1 to 4). */
        public ParticipantReportImported(String classDayId, String sourceFileSha256, String timeZone, int rows, int attendeesRecorded,
                                         int attendeesCorrected, int attendeesUnchanged, int rowsUnmatched, List<Long> unmatchedLines,
                                         Boolean addedToRecorded, Integer attendeesNotAdded) {
            this(classDayId, sourceFileSha256, timeZone, rows, attendeesRecorded, attendeesCorrected, attendeesUnchanged, rowsUnmatched,
                    unmatchedLines, addedToRecorded, attendeesNotAdded, null, null);
        }
    }

    /**
     * Attendance staff set rows of an imported participant report aside (issue 17): the file's
     * SHA-256, its line numbers, and why (e.g. "the host's assistant, not a participant"). The rows'
     * names and e-mail addresses are not kept.
     */
    @Revision("1")
    public record ParticipantReportRowsIgnored(String classDayId, String sourceFileSha256, List<Long> lines, String reason) {
        public ParticipantReportRowsIgnored {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }
}
