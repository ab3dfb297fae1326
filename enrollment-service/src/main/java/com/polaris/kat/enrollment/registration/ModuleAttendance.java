package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.attendance.CeCreditRule;
import com.polaris.kat.enrollment.attendance.CeCreditRule.Attended;
import com.polaris.kat.enrollment.classday.ClassDayPlaces;
import com.polaris.kat.enrollment.rules.ClassDayBounds;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.rules.ReportReadings;
import com.polaris.kat.enrollment.catalog.ApprovedCeHours;
import com.polaris.kat.enrollment.series.SeriesSchedule;
import com.polaris.kat.enrollment.series.SeriesSeats;
import com.polaris.kat.events.attendance.AttendanceCommands.CorrectAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordEvaluationCompleted;
import com.polaris.kat.events.attendance.AttendanceCommands.WithdrawEvaluation;
import com.polaris.kat.events.attendance.AttendanceCommands.Verification;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded;
import com.polaris.kat.events.attendance.AttendanceEvents.MakeUpBooked;
import com.polaris.kat.events.attendance.AttendanceEvents.MakeUpCancelled;
import com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportSetAside;
import com.polaris.kat.events.attendance.AttendanceEvents.ReportsSetAsideReviewed;
import com.polaris.kat.events.attendance.AttendanceCommands.ReviewReportsSetAside;
import com.polaris.kat.events.attendance.AttendanceSegment;
import com.polaris.kat.events.attendance.ReportReading;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditNotEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditUpheld;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationCompleted;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationWithdrawn;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.time.ProgramTime;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A registration's attendance and CE, a member of {@link Registration} (same stream): check-ins
 * per class day (never overwritten; corrections carry a reason), module evaluations, make-ups on
 * another series' day, and the CE decision for each module with its inputs (the day's hours and
 * times, what was attended, the grace). The class days come from the series' schedule
 * ({@link SeriesSeats}, read in the same unit of work); the rules are attendance/CeCreditRule and
 * rules/ClassDayBounds. Instants are UTC.
 */
public class ModuleAttendance {

    private final String seriesId;
    private final String registrationId;
    private final String clinicianId;
    private final boolean ceOption;
    private boolean cancelled;
    private final Map<String, Attended> attendance = new HashMap<>();
    /** How each class day's attendance as it stands was verified (the last check-in or correction). */
    private final Map<String, Verification> verifiedBy = new HashMap<>();
    /** The participant report (SHA-256) the attendance recorded for a class day came from, where it did. */
    private final Map<String, String> fromReport = new HashMap<>();
    /**
     * Per class day: the participant report readings whose times make up the attendance as it stands, oldest first (empty:
     * entered by hand; or recorded before revision 5 of the attendance events, not known).
     */
    private final Map<String, List<ReportReading>> readings = new HashMap<>();
    /** Per class day: every participant report file (SHA-256) whose times were ever part of the attendance recorded. */
    private final Map<String, Set<String>> filesEverRecorded = new HashMap<>();
    /**
     * Per class day: every set of segments (merged, to the minute: {@link #toTheMinute}) the attendance recorded from
     * participant reports held, as it stands or before.
     */
    private final Map<String, Set<List<AttendanceSegment>>> reportTimesEver = new HashMap<>();
    /**
     * Per class day: the times (merged, to the minute) of every participant report reading set aside against the record by
     * hand as it stands ({@link ParticipantReportSetAside}), whatever its file; emptied when the attendance is recorded or
     * corrected again.
     */
    private final Map<String, Set<List<AttendanceSegment>>> setAsideAgainstRecord = new HashMap<>();
    /**
     * Per class day: the readings (file and zone) set aside against the record as it stands and not reviewed since
     * ({@link ReportsSetAsideReviewed}), in the order they were set aside, each with its times (merged, to the minute).
     */
    private final Map<String, Map<ReportReading, List<AttendanceSegment>>> setAsideUnreviewed = new HashMap<>();
    private final Set<String> evaluationsCompleted = new HashSet<>();
    /** Modules whose recorded evaluation was withdrawn (a correction), which may be recorded again, on a cancelled registration too. */
    private final Set<String> evaluationsWithdrawn = new HashSet<>();
    /** Module → the make-up day its evaluation was recorded on (absent: the series' own day), as booked when it was recorded. */
    private final Map<String, String> evaluatedOnMakeUp = new HashMap<>();
    /** Module → the class day its hours were earned on, while earned. */
    private final Map<String, String> ceEarned = new HashMap<>();
    private final Map<String, MakeUpBooked> makeUps = new HashMap<>();
    /** The last make-up cancelled per module, to say so when asked to cancel again. */
    private final Map<String, MakeUpCancelled> makeUpsCancelled = new HashMap<>();
    /** Class days whose attendance, as it stands, a decision has named short (not earned, withdrawn, or upheld elsewhere). */
    private final Set<String> namedShort = new HashSet<>();

    ModuleAttendance(String seriesId, String registrationId, String clinicianId, boolean ceOption) {
        this.seriesId = seriesId;
        this.registrationId = registrationId;
        this.clinicianId = clinicianId;
        this.ceOption = ceOption;
    }

    /**
     * Records attendance on one of the series' days (or a booked make-up day) once it has started,
     * and decides the module's CE hours. Attended in full on its series' day, a module's make-up booked on a day not yet
     * started is cancelled and its place freed ({@link #releaseUnneededMakeUp}) in the same transaction.
     *
     * @throws Refusal class-day-not-started, attendance-already-recorded, registration-cancelled (409);
     *                 invalid-attendance and the class-day bounds (422); class-day-not-in-series (404)
     */
    @CommandHandler
    public void handle(RecordAttendance cmd, CeCreditRule rule, Clock clock, SeriesSeats seats, ClassDayPlaces classDays) {
        checkSeries(cmd.seriesId());
        checkActive();
        SeriesSchedule schedule = seats.schedule(seriesId);
        SeriesClassDay day = attendedDay(schedule, cmd.classDayId());
        if (clock.instant().isBefore(day.startsAt())) {
            throw Refusal.conflict("class-day-not-started", "Class day " + day.classDayId() + " starts at " + day.startsAt()
                    + "; attendance can be recorded once it has started.");
        }
        List<AttendanceSegment> segments = checkAttendance(cmd.segments(), cmd.minutesPresent(), cmd.verification(), day,
                cmd.overlapsConfirmed() || cmd.sourceFileSha256() != null, clock.instant());
        if (attendance.get(day.classDayId()) != null) {
            throw Refusal.conflict("attendance-already-recorded", "Attendance on " + day.classDayId()
                    + " is already recorded for this registration; send a correction with a reason instead.");
        }
        apply(new AttendanceRecorded(seriesId, registrationId, clinicianId, day.classDayId(), day.moduleCode(), firstJoin(segments),
                lastLeave(segments), segments, cmd.minutesPresent(), cmd.verification(), cmd.sourceFileSha256(), asGiven(cmd.segments(), segments),
                rule.judge(day.startsAt(), day.endsAt(), new Attended(segments, cmd.minutesPresent()))));
        decideCe(schedule, day, rule, null, true);
        releaseUnneededMakeUp(day, rule, clock.instant())
                .ifPresent(d -> classDays.release(List.of(d), clinicianId, registrationId, MAKE_UP_NOT_NEEDED, clock.instant()));
    }

    /**
     * A correction with a reason (the check-in is kept); may withdraw the module's hours with that reason. A correction
     * to what the record already says (the same segments or minutes, and verification) appends nothing. A correction to
     * attendance in full on the series' day cancels a make-up not needed any more, as a check-in does.
     *
     * @return whether a correction was appended (false: the record already says this)
     * @throws Refusal reason-required, invalid-attendance (422); no-attendance-to-correct, class-day-not-started, registration-cancelled
     *                 (409; cancelled with no attendance recorded: a recorded day of a cancelled registration can still be corrected)
     */
    @CommandHandler
    public boolean handle(CorrectAttendance cmd, CeCreditRule rule, SeriesSeats seats, Clock clock, ClassDayPlaces classDays) {
        checkSeries(cmd.seriesId());
        SeriesSchedule schedule = seats.schedule(seriesId);
        SeriesClassDay day = attendedDay(schedule, cmd.classDayId());
        if (clock.instant().isBefore(day.startsAt())) {
            // as for a record: said as such, not as a leave time later than now (a fresh reviewer's correction before the day)
            throw Refusal.conflict("class-day-not-started", "Class day " + day.classDayId() + " starts at " + day.startsAt()
                    + "; attendance can be corrected once it has started.");
        }
        List<AttendanceSegment> segments = checkAttendance(cmd.segments(), cmd.minutesPresent(), cmd.verification(), day,
                cmd.overlapsConfirmed() || cmd.sourceFileSha256() != null, clock.instant());
        if (com.polaris.kat.security.strict.InvisibleCharacters.blank(cmd.reason())) {
            throw Refusal.invalidField("reason-required", "reason", "A correction must say why (e.g. the platform log was incomplete).");
        }
        Attended recorded = attendance.get(day.classDayId());
        if (recorded == null) {
            checkActive(); // "record it first" would be wrong advice: a cancelled registration takes no record (a fresh reviewer's)
            throw Refusal.conflict("no-attendance-to-correct", "No attendance is recorded on " + day.classDayId() + " to correct; record it first.");
        }
        if (recorded.equals(new Attended(segments, cmd.minutesPresent())) && cmd.verification() == verifiedBy.get(day.classDayId())
                && cmd.sourceFileSha256() == null) {
            return false; // the record already says this (e.g. the form sent twice): a correction that changes nothing is not one
        }
        // only the verification changed: the times the decision rests on did not, so no new decision (a fresh reviewer saw
        // the same not-earned decision recorded twice)
        boolean timesChanged = !recorded.equals(new Attended(segments, cmd.minutesPresent()));
        apply(new AttendanceCorrected(seriesId, registrationId, clinicianId, day.classDayId(), day.moduleCode(), firstJoin(segments),
                lastLeave(segments), segments, cmd.minutesPresent(), cmd.verification(), cmd.sourceFileSha256(), cmd.reason(),
                asGiven(cmd.segments(), segments), rule.judge(day.startsAt(), day.endsAt(), new Attended(segments, cmd.minutesPresent()))));
        decideCe(schedule, day, rule, cmd.reason(), timesChanged);
        releaseUnneededMakeUp(day, rule, clock.instant())
                .ifPresent(d -> classDays.release(List.of(d), clinicianId, registrationId, MAKE_UP_NOT_NEEDED, clock.instant()));
        return true;
    }

    /**
     * Records a completed module evaluation (once) and decides the module's CE hours. The day the
     * module is attended on (its make-up day when one is booked) must have started, as for attendance:
     * an evaluation is of a module that took place. On a cancelled registration only an evaluation withdrawn before is recorded
     * again (a correction of its CE record, as the withdrawal was; a fresh reviewer found a mistaken withdrawal after a
     * cancellation took the module's hours for good); a first one is refused, as a first attendance record is.
     *
     * @throws Refusal class-day-not-started, registration-cancelled (409); class-day-not-in-series (404)
     */
    @CommandHandler
    public boolean handle(RecordEvaluationCompleted cmd, CeCreditRule rule, SeriesSeats seats, Clock clock) {
        checkSeries(cmd.seriesId());
        if (!evaluationsWithdrawn.contains(cmd.moduleCode())) {
            checkActive();
        }
        SeriesSchedule schedule = seats.schedule(seriesId);
        SeriesClassDay day = schedule.dayOfModule(cmd.moduleCode());
        if (evaluationsCompleted.contains(cmd.moduleCode())) {
            return false; // recorded before (a form sent again): nothing appended, and the answer says so
        }
        MakeUpBooked makeUp = makeUps.get(cmd.moduleCode());
        SeriesClassDay attendedOn = makeUp != null ? asDay(schedule, makeUp) : day;
        if (clock.instant().isBefore(attendedOn.startsAt())) {
            throw Refusal.conflict("class-day-not-started", "Module " + cmd.moduleCode() + " is attended on " + attendedOn.classDayId()
                    + ", which starts at " + attendedOn.startsAt() + "; its evaluation can be recorded once the day has started.");
        }
        apply(new ModuleEvaluationCompleted(seriesId, registrationId, clinicianId, cmd.moduleCode()));
        decideCe(schedule, makeUp != null && attendance.get(makeUp.classDayId()) != null ? asDay(schedule, makeUp) : day, rule, null, false, true);
        return true;
    }

    /**
     * Staff keep their record by hand of a class day against the participant report readings they saw set aside on it
     * ({@link ParticipantReportSetAside}; {@code cmd.readings()}, file and zone), with their reason:
     * {@link ReportsSetAsideReviewed} naming them; readings set aside since stay listed (a fresh reviewer's review had dismissed
     * a reading imported while the form was open). The attendance and its CE decision are unchanged. Allowed on a cancelled
     * registration, as corrections are.
     *
     * @throws Refusal no-reports-to-review (409: none outstanding since the day was last recorded, corrected or reviewed),
     *                 report-not-listed (409: a reading named is not outstanding; nothing reviewed); class-day-not-in-series,
     *                 registration-not-found (404)
     */
    @CommandHandler
    public void handle(ReviewReportsSetAside cmd, SeriesSeats seats) {
        checkSeries(cmd.seriesId());
        SeriesClassDay day = attendedDay(seats.schedule(seriesId), cmd.classDayId());
        List<ReportReading> outstanding = List.copyOf(setAsideUnreviewed.getOrDefault(day.classDayId(), Map.of()).keySet());
        if (outstanding.isEmpty()) {
            throw Refusal.conflict("no-reports-to-review", "No participant report stands set aside against the attendance of registration "
                    + registrationId + " on " + day.classDayId() + " (none since it was last recorded, corrected or reviewed); nothing to review.");
        }
        List<ReportReading> named = cmd.readings().stream().distinct().toList();
        for (ReportReading r : named) {
            if (!outstanding.contains(r)) {
                throw Refusal.conflict("report-not-listed", "Participant report " + r.sourceFileSha256() + " read in " + r.timeZone()
                        + " is not listed against the attendance of registration " + registrationId + " on " + day.classDayId()
                        + " (reviewed or cleared since, or never set aside): reload the roster. Nothing was reviewed.");
            }
        }
        apply(new ReportsSetAsideReviewed(seriesId, registrationId, clinicianId, day.classDayId(), day.moduleCode(), named.size(),
                cmd.reason().strip(), named));
    }

    /**
     * An import whose reading of a file, as the whole day, agrees with staff's record: that file's readings set aside before
     * (read in another zone) are reviewed by it, with a reason saying so (a fresh reviewer's wrong zone's reading stayed
     * listed, with its prompt to correct the day, after the right one agreed). A reading as another meeting that lies within
     * the record clears nothing (the next reviewer's re-import with the box had cleared a real disagreement).
     */
    private void agreedReading(SeriesClassDay day, String sha256, String timeZone) {
        List<ReportReading> earlier = setAsideUnreviewed.getOrDefault(day.classDayId(), Map.of()).keySet().stream()
                .filter(r -> r.sourceFileSha256().equals(sha256)).toList();
        if (!earlier.isEmpty()) {
            apply(new ReportsSetAsideReviewed(seriesId, registrationId, clinicianId, day.classDayId(), day.moduleCode(), earlier.size(),
                    "participant report " + sha256.substring(0, 12) + " read in " + timeZone + " agrees with staff's record by hand; its"
                            + " reading set aside before was in another zone", earlier));
        }
    }

    /**
     * Withdraws the module's recorded evaluation (a correction, with staff's reason; product rules: attendance staff "record
     * attendance and evaluations, correct them with a reason"). When the module's hours were earned they are withdrawn in
     * the same transaction ({@code ModuleCeCreditRevoked} on the day they rested on, its inputs as they stand, shortfalls
     * {@link CeCreditRule#EVALUATION_WITHDRAWN}), so the series certificate is withdrawn with them; recording the evaluation
     * again decides the module anew. Allowed on a cancelled registration too, as attendance corrections are: its CE record
     * may need correcting.
     *
     * @throws Refusal evaluation-not-recorded (409); module-not-in-series, registration-not-found (404)
     */
    @CommandHandler
    public void handle(WithdrawEvaluation cmd, CeCreditRule rule, SeriesSeats seats) {
        checkSeries(cmd.seriesId());
        SeriesSchedule schedule = seats.schedule(seriesId);
        SeriesClassDay own = schedule.dayOfModule(cmd.moduleCode()); // refuses a module the series does not run
        if (!evaluationsCompleted.contains(cmd.moduleCode())) {
            throw Refusal.conflict("evaluation-not-recorded", "Module " + cmd.moduleCode() + "'s evaluation is not recorded for registration "
                    + registrationId + "; there is nothing to withdraw.");
        }
        // the day the evaluation was recorded for, not a make-up booked since (a fresh reviewer's withdrawal named a day of 2030)
        apply(new ModuleEvaluationWithdrawn(seriesId, registrationId, clinicianId, cmd.moduleCode(),
                evaluatedOnMakeUp.getOrDefault(cmd.moduleCode(), own.classDayId()), cmd.reason()));
        String restedOn = ceEarned.get(cmd.moduleCode());
        if (restedOn != null) {
            SeriesClassDay day = daysOf(schedule, cmd.moduleCode()).stream().filter(d -> d.classDayId().equals(restedOn)).findFirst()
                    .orElse(schedule.dayOfModule(cmd.moduleCode()));
            Attended a = attendance.get(day.classDayId());
            ApprovedCeHours hours = schedule.ceHours(day);
            apply(new ModuleCeCreditRevoked(seriesId, registrationId, clinicianId, cmd.moduleCode(), day.classDayId(), hours.hours(),
                    "evaluation withdrawn: " + cmd.reason(), day.startsAt(), day.endsAt(), a == null ? null : a.firstJoin(),
                    a == null ? null : a.lastLeave(), a == null ? null : a.segments(), a == null ? null : a.minutesPresent(),
                    a == null ? null : rule.minutesAway(day.startsAt(), day.endsAt(), a), rule.graceMinutes(), rule.allowedAbsenceMinutes(),
                    rule.describe(), CeCreditRule.EVALUATION_WITHDRAWN, hours.approval()));
        }
    }

    /**
     * Books a make-up of a module on another series' day (the registration has checked the series).
     * A repeat of the same booking appends nothing.
     *
     * @throws Refusal module-not-in-series (404), make-up-on-own-day, make-up-on-series-date (422: the registration's own
     *                 series teaches another module that date), make-up-date-taken (422: another of its make-ups is on that
     *                 date), module-already-complete, module-attended-in-full
     *                 (a day of the module was attended in full: nothing to make up, its evaluation is what is missing; a fresh
     *                 reviewer's booking of one then had the evaluation refused until the make-up day), registration-cancelled (409)
     */
    void bookMakeUp(SeriesSchedule schedule, String moduleCode, String classDayId, LocalDate date, CeCreditRule rule) {
        checkActive();
        schedule.dayOfModule(moduleCode);
        if (schedule.day(classDayId).isPresent()) {
            throw Refusal.invalidField("make-up-on-own-day", "classDayId", "Class day " + classDayId + " is the series' own day; a make-up is on another series' day.");
        }
        checkNotOnSeriesDate(schedule, classDayId, date, "classDayId", "Class day " + classDayId + " is on " + date);
        checkNotOnOtherMakeUp(moduleCode, date, "classDayId", "Class day " + classDayId + " is on " + date);
        if (ceEarned.containsKey(moduleCode)) {
            throw Refusal.conflict("module-already-complete", "Module " + moduleCode + " is already complete for this registration: its hours were"
                    + " earned on " + ceEarned.get(moduleCode) + ".");
        }
        for (SeriesClassDay attended : daysOf(schedule, moduleCode)) {
            if (rule.attendedInFull(attended.startsAt(), attended.endsAt(), attendance.get(attended.classDayId()))) {
                throw Refusal.conflict("module-attended-in-full", "Module " + moduleCode + " was attended in full on " + attended.classDayId()
                        + "; there is nothing to make up." + (ceOption && !evaluationsCompleted.contains(moduleCode)
                        ? " Record its evaluation instead (the CE hours need it)." : ""));
            }
        }
        MakeUpBooked booked = makeUps.get(moduleCode);
        if (booked != null && booked.classDayId().equals(classDayId)) {
            return;
        }
        apply(new MakeUpBooked(seriesId, registrationId, clinicianId, moduleCode, classDayId, date,
                ProgramTime.startOf(date), ProgramTime.endOf(date)));
    }

    /**
     * The make-up booked on {@code classDayId} follows the day's move to {@code toDate}: {@code MakeUpRescheduled} with the
     * day's new times (09:00–17:00 Pacific, product rule). Nothing when no make-up is booked there or it is on that date.
     *
     * @param schedule the registration's own series' schedule
     * @param reason   the move's reason, as the registrar gave it
     * @throws Refusal make-up-on-series-date (422, field newDate) when the own series teaches another module on {@code toDate};
     *                 make-up-date-taken (422, field newDate) when another of the registration's make-ups is on {@code toDate}
     */
    void rescheduleMakeUp(SeriesSchedule schedule, String classDayId, LocalDate toDate, String reason) {
        java.util.Optional<MakeUpBooked> booked = makeUps.values().stream()
                .filter(m -> m.classDayId().equals(classDayId) && !m.date().equals(toDate)).findFirst();
        if (booked.isEmpty()) {
            return;
        }
        checkNotOnSeriesDate(schedule, classDayId, toDate, "newDate", "Registration " + registrationId + " has its make-up of "
                + booked.get().moduleCode() + " on class day " + classDayId + ", which would move to " + toDate);
        checkNotOnOtherMakeUp(booked.get().moduleCode(), toDate, "newDate", "Registration " + registrationId + " has its make-up of "
                + booked.get().moduleCode() + " on class day " + classDayId + ", which would move to " + toDate);
        apply(new com.polaris.kat.events.attendance.AttendanceEvents.MakeUpRescheduled(seriesId, registrationId, clinicianId,
                booked.get().moduleCode(), classDayId, booked.get().date(), toDate, ProgramTime.startOf(toDate), ProgramTime.endOf(toDate), reason));
    }

    /**
     * A make-up is never on a date the registration's own series teaches (product rules: each module is one live day,
     * 09:00–17:00 Pacific, so a clinician attends one at a time), whether booked there or moved there with its day.
     *
     * @throws Refusal make-up-on-series-date (422, {@code field})
     */
    private static void checkNotOnSeriesDate(SeriesSchedule schedule, String classDayId, LocalDate date, String field, String what) {
        java.util.Optional<SeriesClassDay> sameDate = schedule.days().stream()
                .filter(d -> d.date().equals(date) && !d.classDayId().equals(classDayId)).findFirst();
        if (sameDate.isPresent()) {
            throw Refusal.invalidField("make-up-on-series-date", field, what + ", when Series " + schedule.seriesNumber() + " runs "
                    + sameDate.get().moduleCode() + " (" + sameDate.get().classDayId() + "); a make-up must be on a date its own series"
                    + " does not teach" + (field.equals("newDate") ? ": cancel that make-up first, or choose another date." : "."));
        }
    }

    /**
     * Two make-ups of one registration are never on one date (product rules: each module is one live day, 09:00–17:00
     * Pacific, so a clinician attends one at a time), whether booked there or moved there with its day; the module's own
     * make-up, which a booking on another day replaces, does not count. A fresh reviewer booked one registration's M1 and
     * M2 make-ups on two days of 2031-02-03, and moved one make-up's day onto the other's date: both were accepted.
     *
     * @param moduleCode the module whose make-up is booked or moved
     * @throws Refusal make-up-date-taken (422, {@code field}) naming the other make-up
     */
    private void checkNotOnOtherMakeUp(String moduleCode, LocalDate date, String field, String what) {
        java.util.Optional<MakeUpBooked> other = makeUps.values().stream()
                .filter(m -> !m.moduleCode().equals(moduleCode) && m.date().equals(date)).min(java.util.Comparator.comparing(MakeUpBooked::moduleCode));
        if (other.isPresent()) {
            throw Refusal.invalidField("make-up-date-taken", field, what + ", when registration " + registrationId + " has its make-up of "
                    + other.get().moduleCode() + " on class day " + other.get().classDayId() + "; a clinician attends one live day at a time"
                    + (field.equals("newDate") ? ": cancel one of the make-ups first, or choose another date." : ": choose a day on another date."));
        }
    }

    /**
     * The same rule from the series' side: a day of the registration's own series ({@code ownDayId}) does not move onto the
     * date of its make-up ({@code makeUpDayId} on {@code makeUpDate}). A fresh reviewer moved a series' M2 onto the date of a
     * member's M1 make-up and the move was accepted, leaving two live days on one date.
     *
     * @throws Refusal make-up-on-series-date (422, field newDate) when {@code toDate} is {@code makeUpDate}
     */
    static void checkOwnDayNotOnMakeUp(String registrationId, int seriesNumber, String ownDayId, LocalDate toDate, String makeUpDayId,
                                       LocalDate makeUpDate) {
        if (toDate.equals(makeUpDate) && !makeUpDayId.equals(ownDayId)) {
            throw Refusal.invalidField("make-up-on-series-date", "newDate", "Registration " + registrationId + " of Series " + seriesNumber
                    + ", which uses " + ownDayId + ", has its make-up on " + makeUpDayId + " on " + makeUpDate + "; a make-up must be on a"
                    + " date its own series does not teach: cancel that make-up first, or choose another date.");
        }
    }

    /** The class days where this registration holds make-up places, one per module at most. */
    java.util.List<String> makeUpClassDayIds() {
        return makeUps.values().stream().map(MakeUpBooked::classDayId).sorted().toList();
    }

    /** The class day of the module's make-up booked so far, if any. */
    java.util.Optional<String> makeUpDayOf(String moduleCode) {
        return java.util.Optional.ofNullable(makeUps.get(moduleCode)).map(MakeUpBooked::classDayId);
    }

    /** The class-day release's reason when attendance in full made a make-up unneeded (its own words are on the registration's event). */
    public static final String MAKE_UP_NOT_NEEDED = "make-up not needed: module attended in full on its series' day";

    /**
     * Cancels the module's make-up at staff's request (the clinician will attend the series' own day after all), before
     * its day starts: a MakeUpCancelled with the reason; the caller frees the place on the day in the same unit of work.
     *
     * @param now the request instant (UTC)
     * @return the class day whose make-up place comes free
     * @throws Refusal reason-required (422, field reason); no-make-up-booked (409: none booked for the module, or the one
     *                 booked was cancelled, named with its reason), class-day-started (409: the make-up day has started,
     *                 as for booking one), registration-cancelled (409); module-not-in-series (404)
     */
    String cancelMakeUp(SeriesSchedule schedule, String moduleCode, String reason, Instant now) {
        checkActive();
        schedule.dayOfModule(moduleCode);
        if (com.polaris.kat.security.strict.InvisibleCharacters.blank(reason)) {
            throw Refusal.invalidField("reason-required", "reason", "Say why the make-up is cancelled (e.g. the clinician will attend the series' own day).");
        }
        MakeUpBooked booked = makeUps.get(moduleCode);
        if (booked == null) {
            MakeUpCancelled last = makeUpsCancelled.get(moduleCode);
            throw Refusal.conflict("no-make-up-booked", "Module " + moduleCode + " of registration " + registrationId + " has no make-up booked"
                    + (last == null ? "." : "; the one on " + last.classDayId() + " was cancelled (" + last.reason() + ")."));
        }
        if (!booked.startsAt().isAfter(now)) {
            throw Refusal.conflict("class-day-started", "The make-up day " + booked.classDayId() + " (" + booked.date()
                    + ") has already started; a make-up is cancelled before its day, as it is booked.");
        }
        apply(new MakeUpCancelled(seriesId, registrationId, clinicianId, moduleCode, booked.classDayId(), reason.strip()));
        return booked.classDayId();
    }

    /**
     * A make-up replaces a missed module (product rule): once the module is attended in full on {@code day}, a day other
     * than its make-up day, the make-up booked on a day that has not started is cancelled (MakeUpCancelled, "module M2
     * attended in full on M2-2023-11-09"), so its place goes back to that day's make-up places. A make-up day that has
     * started keeps the booking (the clinician may be attending it; what was planned stays on the record). A fresh
     * reviewer's finding, 2026-12-01: nothing gave such a place back short of cancelling the registration.
     *
     * @param now the command's instant (UTC)
     * @return the class day whose make-up place the caller frees in the same unit of work, if one was cancelled
     */
    java.util.Optional<String> releaseUnneededMakeUp(SeriesClassDay day, CeCreditRule rule, Instant now) {
        MakeUpBooked booked = makeUps.get(day.moduleCode());
        if (cancelled || booked == null || booked.classDayId().equals(day.classDayId()) || !booked.startsAt().isAfter(now)
                || !rule.attendedInFull(day.startsAt(), day.endsAt(), attendance.get(day.classDayId()))) {
            return java.util.Optional.empty();
        }
        apply(new MakeUpCancelled(seriesId, registrationId, clinicianId, day.moduleCode(), booked.classDayId(),
                "module " + day.moduleCode() + " attended in full on " + day.classDayId()));
        return java.util.Optional.of(booked.classDayId());
    }

    /**
     * The module's CE decision after its attendance on {@code day} or its evaluation changed. A module is attended in full
     * when any of its days this registration attends (its series' day, its make-up day) was (product rule: a make-up
     * replaces a missed module): earned with the inputs of that day (the changed one first); upheld, with the inputs as
     * they stand, when the times of the day the hours rest on changed and a day is still in full; withdrawn when earned before
     * and no day is in full any more (the changed day's inputs), after a not-earned decision on the module's other attended day
     * when no decision has named that day's attendance short yet (a history from before the next rule); and when the attendance just recorded or corrected on a
     * CE registration falls short and no decision above named it, not earned on that day, naming its shortfalls
     * ({@link CeCreditRule#shortfalls}), whether or not another day of the module holds the hours (they stay earned there). A missing evaluation alone decides nothing (the hours may still be
     * earned). A fresh reviewer's finding, 2026-12-01: a short day on the series' own day had withdrawn hours earned on
     * the make-up day, and the certificate with them.
     *
     * <p>A decision stands until the times it rests on change, also when the rule in force (its bounds, {@link CeCreditRule})
     * has changed since it was made: earned hours are withdrawn only by a recording or correction of the times of the day
     * they rest on (not by another day of the module, nor by a correction of the verification alone, nor by the evaluation),
     * and a correction of the verification alone decides nothing, earned or not (fresh reviewers, with hours earned under
     * an earlier bound: a verification-only correction withdrew them with the clerk's unrelated reason, a short other day
     * withdrew them naming itself, and under a looser bound a verification-only correction earned them). And an
     * evaluated module never stands without a decision: when the evaluation completes and no day earns the hours, each
     * attended day of the module that falls short under the rule in force and that no decision named gets its not-earned
     * decision (the same reviewer's day judged in full when recorded, under an earlier bound, had no decision at all).
     *
     * @param schedule          the series' schedule (the module's own day)
     * @param attendanceChanged the attendance on {@code day} was just recorded or corrected (not only the evaluation)
     */
    private void decideCe(SeriesSchedule schedule, SeriesClassDay day, CeCreditRule rule, String correctionReason, boolean attendanceChanged) {
        decideCe(schedule, day, rule, correctionReason, attendanceChanged, false);
    }

    /** As above; {@code evaluationCompleted}: the module's evaluation was just recorded. */
    private void decideCe(SeriesSchedule schedule, SeriesClassDay day, CeCreditRule rule, String correctionReason, boolean attendanceChanged,
                          boolean evaluationCompleted) {
        String module = day.moduleCode();
        Attended a = attendance.get(day.classDayId());
        SeriesClassDay inFull = rule.attendedInFull(day.startsAt(), day.endsAt(), a) ? day : null;
        for (SeriesClassDay other : daysOf(schedule, module)) {
            if (inFull == null && !other.classDayId().equals(day.classDayId())
                    && rule.attendedInFull(other.startsAt(), other.endsAt(), attendance.get(other.classDayId()))) {
                inFull = other;
            }
        }
        boolean earns = inFull != null && rule.earns(ceOption, inFull.startsAt(), inFull.endsAt(), attendance.get(inFull.classDayId()),
                evaluationsCompleted.contains(module)); // the rule's conjunction, on the day attended in full
        boolean earned = ceEarned.containsKey(module);
        // a recording, a correction of the times or the evaluation: the inputs a decision rests on changed (a correction of
        // the verification alone changes none of them)
        boolean inputsChanged = attendanceChanged || evaluationCompleted;
        if (earns && !earned && inputsChanged) {
            Attended f = attendance.get(inFull.classDayId());
            ApprovedCeHours hours = schedule.ceHours(inFull);
            apply(new ModuleCeCreditEarned(seriesId, registrationId, clinicianId, module, inFull.moduleTitle(),
                    inFull.classDayId(), inFull.date(), hours.hours(), inFull.startsAt(), inFull.endsAt(), f.firstJoin(), f.lastLeave(),
                    f.segments(), f.minutesPresent(), rule.minutesAway(inFull.startsAt(), inFull.endsAt(), f), rule.graceMinutes(),
                    rule.allowedAbsenceMinutes(), rule.describe(), correctionReason, hours.approval()));
        } else if (earns && attendanceChanged && day.classDayId().equals(ceEarned.get(module))) {
            // the times the hours rest on changed and a day is still in full: the decision again, on the inputs as they stand
            Attended f = attendance.get(inFull.classDayId());
            ApprovedCeHours hours = schedule.ceHours(inFull);
            apply(new ModuleCeCreditUpheld(seriesId, registrationId, clinicianId, module, inFull.moduleTitle(),
                    inFull.classDayId(), inFull.date(), hours.hours(), inFull.startsAt(), inFull.endsAt(), f.firstJoin(), f.lastLeave(),
                    f.segments(), f.minutesPresent(), rule.minutesAway(inFull.startsAt(), inFull.endsAt(), f), rule.graceMinutes(),
                    rule.allowedAbsenceMinutes(), rule.describe(), correctionReason, day.classDayId(),
                    inFull.classDayId().equals(day.classDayId()) ? List.of() : rule.shortfalls(day.startsAt(), day.endsAt(), a),
                    hours.approval()));
        } else if (!earns && earned && attendanceChanged && day.classDayId().equals(ceEarned.get(module))) {
            // the module's other day, attended short while this one held the hours and never decided on (a history from
            // before the rule below): it is now, first, so the record says why no day earns them (a fresh reviewer's series'
            // day without words after its make-up's hours were withdrawn)
            for (SeriesClassDay other : daysOf(schedule, module)) {
                Attended o = attendance.get(other.classDayId());
                if (!other.classDayId().equals(day.classDayId()) && o != null && !namedShort.contains(other.classDayId())
                        && !rule.attendedInFull(other.startsAt(), other.endsAt(), o)) {
                    notEarned(schedule, other, o, rule);
                }
            }
            ApprovedCeHours hours = schedule.ceHours(day);
            apply(new ModuleCeCreditRevoked(seriesId, registrationId, clinicianId, module, day.classDayId(),
                    hours.hours(), correctionReason == null ? "no longer attended in full" : correctionReason, day.startsAt(), day.endsAt(),
                    a == null ? null : a.firstJoin(), a == null ? null : a.lastLeave(), a == null ? null : a.segments(),
                    a == null ? null : a.minutesPresent(), a == null ? null : rule.minutesAway(day.startsAt(), day.endsAt(), a),
                    rule.graceMinutes(), rule.allowedAbsenceMinutes(), rule.describe(), rule.shortfalls(day.startsAt(), day.endsAt(), a),
                    hours.approval()));
        }
        // the day just recorded or corrected fell short and no decision above named it: its own not-earned decision, also
        // while another day of the module holds the hours (they stay earned there; two fresh reviewers' short series' day
        // read "CE earned on" its make-up day with no word of what fell short on it)
        if (attendanceChanged && ceOption && a != null && !rule.attendedInFull(day.startsAt(), day.endsAt(), a)
                && !namedShort.contains(day.classDayId())) {
            notEarned(schedule, day, a, rule);
        }
        // the evaluation completed the module's inputs and no day earns the hours: every attended day that falls short under
        // the rule in force and that no decision named gets its decision now (a day judged in full when recorded, under an
        // earlier bound, would otherwise leave an evaluated module without one)
        if (evaluationCompleted && ceOption && !earns && !earned) {
            for (SeriesClassDay d : daysOf(schedule, module)) {
                Attended o = attendance.get(d.classDayId());
                if (o != null && !namedShort.contains(d.classDayId()) && !rule.attendedInFull(d.startsAt(), d.endsAt(), o)) {
                    notEarned(schedule, d, o, rule);
                }
            }
        }
    }

    /** The module's hours not earned on {@code day}: its inputs as they stand and what fell short. */
    private void notEarned(SeriesSchedule schedule, SeriesClassDay day, Attended a, CeCreditRule rule) {
        ApprovedCeHours hours = schedule.ceHours(day);
        apply(new ModuleCeCreditNotEarned(seriesId, registrationId, clinicianId, day.moduleCode(), day.classDayId(), hours.hours(),
                day.startsAt(), day.endsAt(), a.firstJoin(), a.lastLeave(), a.segments(), a.minutesPresent(),
                rule.minutesAway(day.startsAt(), day.endsAt(), a), rule.graceMinutes(), rule.allowedAbsenceMinutes(), rule.describe(),
                rule.shortfalls(day.startsAt(), day.endsAt(), a), hours.approval()));
    }

    /** The days the registration attends a module on: its series' day, and the make-up day when one is booked. */
    private List<SeriesClassDay> daysOf(SeriesSchedule schedule, String moduleCode) {
        MakeUpBooked makeUp = makeUps.get(moduleCode);
        SeriesClassDay own = schedule.dayOfModule(moduleCode);
        return makeUp == null ? List.of(own) : List.of(own, asDay(schedule, makeUp));
    }

    /**
     * A report of another meeting of the day adds nothing for an attendee whose times in it overlap those recorded by more
     * than this many minutes (NOT_ADDED): the same meeting's times again, such as an earlier export beside a corrected one
     * (fresh reviewers gave back withdrawn hours so with an overlap of 8 minutes, and of 88 minutes beside a restarted
     * meeting's other part). The others on the report are added; someone who stayed in the old room of a restarted meeting
     * longer than this is corrected by hand.
     */
    static final int ANOTHER_MEETING_OVERLAP_MINUTES = 2;

    /**
     * The segments with their instants truncated to the minute: a report's copy saved by a spreadsheet shows its times without
     * seconds (09:04 for 09:04:03), and is the same report.
     */
    static List<AttendanceSegment> toTheMinute(List<AttendanceSegment> segments) {
        return segments.stream().map(g -> new AttendanceSegment(g.joinedAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                g.leftAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))).toList();
    }

    /**
     * Whether a report's times (merged) say what staff's record by hand says: the CE rule judges both alike (attended in full
     * or not: a fresh reviewer's fifteen gaps of 55 seconds, 13 min 45 s away, had agreed with a full day), and their segments,
     * once gaps under a minute are bridged on both sides, are within a minute of each other at each end
     * ({@link #withinAMinute}); or, for a record of minutes present only, the report's time within the day's hours is within
     * a minute of those minutes.
     */
    static boolean agreesWithHandRecord(Attended recorded, List<AttendanceSegment> merged, SeriesClassDay day, CeCreditRule rule) {
        boolean sameJudgement = rule.judge(day.startsAt(), day.endsAt(), recorded).attendedInFull()
                == rule.judge(day.startsAt(), day.endsAt(), new Attended(merged, null)).attendedInFull();
        if (!sameJudgement) {
            return false;
        }
        if ((recorded.segments() == null || recorded.segments().isEmpty()) && recorded.minutesPresent() != null) {
            long seconds = secondsOverlapping(merged, List.of(new AttendanceSegment(day.startsAt(), day.endsAt())));
            return Math.abs(seconds - recorded.minutesPresent() * 60L) < 60;
        }
        return withinAMinute(bridged(recorded.segments()), bridged(merged));
    }

    /** The gaps between consecutive segments (in time order), as segments from one's leave to the next one's join. */
    static List<AttendanceSegment> gapsBetween(List<AttendanceSegment> segments) {
        List<AttendanceSegment> gaps = new java.util.ArrayList<>();
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).joinedAt().isAfter(segments.get(i - 1).leftAt())) {
                gaps.add(new AttendanceSegment(segments.get(i - 1).leftAt(), segments.get(i).joinedAt()));
            }
        }
        return gaps;
    }

    /** The segments (in time order) with every gap under a minute closed: a reconnect of seconds is no time away. */
    static List<AttendanceSegment> bridged(List<AttendanceSegment> segments) {
        List<AttendanceSegment> out = new java.util.ArrayList<>();
        for (AttendanceSegment g : segments == null ? List.<AttendanceSegment>of() : segments) {
            AttendanceSegment last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && java.time.Duration.between(last.leftAt(), g.joinedAt()).getSeconds() < 60) {
                out.set(out.size() - 1, new AttendanceSegment(last.joinedAt(), g.leftAt().isAfter(last.leftAt()) ? g.leftAt() : last.leftAt()));
            } else {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * Whether both lists hold as many segments and each segment's join and leave are less than a minute apart: a record typed
     * to the minute beside a report's times to the second.
     */
    static boolean withinAMinute(List<AttendanceSegment> a, List<AttendanceSegment> b) {
        if (a == null || b == null || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (Math.abs(java.time.Duration.between(a.get(i).joinedAt(), b.get(i).joinedAt()).getSeconds()) >= 60
                    || Math.abs(java.time.Duration.between(a.get(i).leftAt(), b.get(i).leftAt()).getSeconds()) >= 60) {
                return false;
            }
        }
        return true;
    }

    /** Whether every segment of {@code part} lies within one of {@code whole}'s, give or take a minute at each end. */
    static boolean covered(List<AttendanceSegment> part, List<AttendanceSegment> whole) {
        return part.stream().allMatch(p -> whole.stream().anyMatch(w -> !w.joinedAt().isAfter(p.joinedAt().plusSeconds(60))
                && !w.leftAt().isBefore(p.leftAt().minusSeconds(60))));
    }

    /** Seconds during which both lists of segments (each merged: no overlaps within it) show the participant present. */
    static long secondsOverlapping(List<AttendanceSegment> a, List<AttendanceSegment> b) {
        long seconds = 0;
        for (AttendanceSegment x : a) {
            for (AttendanceSegment y : b) {
                Instant from = x.joinedAt().isAfter(y.joinedAt()) ? x.joinedAt() : y.joinedAt();
                Instant to = x.leftAt().isBefore(y.leftAt()) ? x.leftAt() : y.leftAt();
                if (to.isAfter(from)) {
                    seconds += java.time.Duration.between(from, to).getSeconds();
                }
            }
        }
        return seconds;
    }

    /**
     * What a participant report did to one registration's attendance on a class day: RECORDED, CORRECTED, UNCHANGED (what
     * it shows is what is recorded, or its reading is among those the attendance as it stands came from: a repeat),
     * NOT_EXPECTED (cancelled, or not on the day), SUPERSEDED (not changed: staff recorded or corrected the day by hand, which
     * no report replaces; or a later report replaced this file's times for this attendee, and the import did not ask for it
     * to stand again), NOT_ADDED (a report of another meeting whose times for this attendee overlap those recorded: the
     * same meeting again, such as an earlier export; not added).
     */
    public enum ReportOutcome { RECORDED, CORRECTED, UNCHANGED, NOT_EXPECTED, SUPERSEDED, NOT_ADDED }

    /**
     * Records the segments a participant report shows on one class day (verification PLATFORM_LOG,
     * the file's SHA-256), or corrects the attendance recorded when the report differs from it (with
     * that as the reason; a check-in is never overwritten), and decides the module's CE hours. A report whose reading
     * (file and zone, or another name of the zone) is among those the attendance as it stands came from changes nothing
     * (UNCHANGED: a repeat, whatever was added or imported for others since; a fresh reviewer's retry of the morning's file
     * after a file correcting someone else had dropped the afternoon added for this attendee), nor does one that shows what
     * is recorded. The events record the readings the times now come from; the reason names the file and the time zone its
     * times were read in ({@code timeZone}, an IANA id). A file whose times were part of this attendee's record and that a
     * later report (another file) replaced since, or whose times for this attendee are times their record held from a report
     * before and no longer holds (the same export under other bytes, a wrong zone's reading again), is not applied again
     * (SUPERSEDED) unless {@code reinstate}: an older export imported again after a corrected one had given back the CE hours
     * the correction withdrew (fresh reviewers' HIGHs); the same file in a zone not read before is a zone correction and is
     * applied. With {@code reinstate} (and without {@code addToRecorded}) a file among several whose times were joined stands
     * alone: the times the others added are dropped (a report added as another meeting by mistake is undone so).
     *
     * <p>With {@code addToRecorded} (a report of another meeting of the same day: the meeting was restarted and the platform
     * wrote a report for each part), the report's segments are added to the segments recorded (merged where they overlap),
     * and the correction's reason says so; only to times that came from a participant report: a day recorded or corrected by
     * hand (times or minutes present, whatever its verification) is not added to (SUPERSEDED), nor one whose times in the
     * report overlap those recorded by more than {@value #ANOTHER_MEETING_OVERLAP_MINUTES} minutes (NOT_ADDED: the same
     * meeting again; an earlier export of it added back had restored the time a corrected export took away). Without
     * it a report that differs from the record replaces it: a later report may show less time than an earlier one (a
     * corrected export), and adding would keep time the participant was not there (docs/decisions.md); a day recorded or
     * corrected by hand is not replaced (SUPERSEDED): staff's record stands until staff correct it (a fresh reviewer's
     * re-import, a new download of the same report and a wrong zone put right had each undone a staff correction and given
     * back the hours it withdrew).
     *
     * @return NOT_EXPECTED (nothing appended) when the registration was cancelled or does not use
     *         the day (neither its series' day nor a booked make-up)
     * @throws Refusal class-day-not-started (409), invalid-attendance and the class-day bounds (422)
     */
    ReportOutcome recordFromReport(SeriesSchedule schedule, String classDayId, List<AttendanceSegment> segments, String sha256, String timeZone,
                                   boolean addToRecorded, boolean reinstate, CeCreditRule rule, Instant now) {
        if (cancelled) {
            return ReportOutcome.NOT_EXPECTED;
        }
        SeriesClassDay day;
        try {
            day = attendedDay(schedule, classDayId);
        } catch (Refusal notHere) {
            return ReportOutcome.NOT_EXPECTED;
        }
        if (now.isBefore(day.startsAt())) {
            throw Refusal.conflict("class-day-not-started", "Class day " + day.classDayId() + " starts at " + day.startsAt()
                    + "; its participant report can be imported once it has started.");
        }
        // a platform's report overlaps where a participant was connected twice (two devices): merged, not refused
        List<AttendanceSegment> merged = checkAttendance(segments, null, Verification.PLATFORM_LOG, day, true, now);
        Attended recorded = attendance.get(day.classDayId());
        ReportReading reading = new ReportReading(sha256, timeZone);
        if (recorded == null) {
            apply(new AttendanceRecorded(seriesId, registrationId, clinicianId, day.classDayId(), day.moduleCode(), firstJoin(merged),
                    lastLeave(merged), merged, null, Verification.PLATFORM_LOG, sha256, asGiven(segments, merged),
                    rule.judge(day.startsAt(), day.endsAt(), new Attended(merged, null)), List.of(reading)));
            decideCe(schedule, day, rule, null, true);
            return ReportOutcome.RECORDED;
        }
        List<ReportReading> standing = readings.getOrDefault(day.classDayId(), List.of());
        boolean among = ReportReadings.among(standing, sha256, timeZone, day.date());
        boolean alone = among && reinstate && !addToRecorded && standing.size() > 1;
        if (among && !alone) {
            // a repeat for this attendee: its times are part of what is recorded, with whatever other meetings were added since;
            // asked to stand again (reinstate), it stands alone: a report added as another meeting by mistake is undone so (a fresh
            // reviewer's mistaken addition could be undone only by hand)
            return ReportOutcome.UNCHANGED;
        }
        // the times as they stand came from a report file; else staff recorded or corrected them by hand (a check-in, a
        // correction: its verification may be the platform's log, transcribed), and no report replaces or adds to them
        boolean byHand = fromReport.get(day.classDayId()) == null;
        if (addToRecorded && byHand && recorded.segments() != null && !recorded.segments().isEmpty() && covered(merged, recorded.segments())
                && secondsOverlapping(gapsBetween(bridged(merged)), recorded.segments()) < 60) {
            // another meeting's times that lie within staff's record: they agree with it, nothing to add nor to set aside (a
            // fresh reviewer's afternoon report within a sign-in was kept as a disagreement and hid the real one on the roster);
            // not proof that the file's plain reading was wrong, so that stays listed (the next one's box ticked on a re-import
            // had cleared a real disagreement); a gap of a minute or more in it where staff's record has the attendee present
            // is a disagreement, not another meeting (the next one's whole day with half an hour away, box ticked, agreed)
            return ReportOutcome.UNCHANGED;
        }
        if (addToRecorded && (recorded.segments() == null || recorded.segments().isEmpty() || byHand)) {
            // a report's times join only other reports' times: minutes present have no times to add to, and times staff took
            // from a sign-in sheet would read as the platform's log (two fresh reviewer's findings: the minutes were replaced and
            // the hours withdrawn; the sign-in became "verified by platform log"); a hand correction verified by the platform's
            // log had been added to, which undid it (the next reviewer's). Staff's record stands, and the others on the report
            // are added (a refusal of the whole import had left no way to add the second meeting for anyone, the next one's)
            return setAside(day, merged, sha256, timeZone, true);
        }
        if (addToRecorded) {
            // another meeting of the day: its segments join those recorded (a fresh reviewer's second report of a restarted
            // meeting had replaced the morning and withdrawn the module's hours)
            List<AttendanceSegment> mine = AttendanceSegment.merged(segments);
            if (recorded.segments().containsAll(mine)) {
                return ReportOutcome.UNCHANGED; // its very segments are recorded: the same file added again
            }
            if (secondsOverlapping(recorded.segments(), mine) > ANOTHER_MEETING_OVERLAP_MINUTES * 60L) {
                // not another meeting for this attendee: the same meeting's times again (an earlier export added back beside a
                // corrected one had given back the hours the correction withdrew, two fresh reviewers'; a corrected export
                // inside the times recorded had been answered "unchanged", the next one's)
                return ReportOutcome.NOT_ADDED;
            }
            List<AttendanceSegment> given = new java.util.ArrayList<>(recorded.segments());
            given.addAll(segments);
            List<AttendanceSegment> joined = checkAttendance(given, null, Verification.PLATFORM_LOG, day, true, now);
            if (recorded.segments().equals(joined)) {
                return ReportOutcome.UNCHANGED;
            }
            String added = "participant report " + sha256.substring(0, 12) + " read in " + timeZone + ", of another meeting of the day, adds "
                    + "its segments to those recorded";
            List<ReportReading> together = new java.util.ArrayList<>(standing);
            together.add(reading);
            apply(new AttendanceCorrected(seriesId, registrationId, clinicianId, day.classDayId(), day.moduleCode(), firstJoin(joined),
                    lastLeave(joined), joined, null, Verification.PLATFORM_LOG, sha256, added, asGiven(given, joined),
                    rule.judge(day.startsAt(), day.endsAt(), new Attended(joined, null)), together));
            decideCe(schedule, day, rule, added, true);
            return ReportOutcome.CORRECTED;
        }
        if (!byHand && toTheMinute(recorded.segments()).equals(toTheMinute(merged))) {
            // what is recorded, to the minute: a spreadsheet's copy of the file drops the seconds (a fresh reviewer's Excel
            // re-save); a record by hand is compared with the CE rule's judgement too (below: 09:10:40 beside 09:10 is late)
            return ReportOutcome.UNCHANGED;
        }
        if (byHand) {
            if (agreesWithHandRecord(recorded, merged, day, rule)) {
                // staff's times to the minute, the report's to the second: 16:59:30 beside 17:00 is the same time; a reconnect of
                // seconds is no time away; minutes present match the report's minutes within the day (fresh reviewers' plain
                // hand records and sign-in sheets were flagged as contradicted so)
                agreedReading(day, sha256, timeZone);
                return ReportOutcome.UNCHANGED;
            }
            return setAside(day, merged, sha256, timeZone, false); // staff's record stands until staff correct it
        }
        boolean heldBefore = reportTimesEver.getOrDefault(day.classDayId(), Set.of()).contains(toTheMinute(merged));
        if (heldBefore && standing.size() > 1 && covered(merged, recorded.segments()) && !alone) {
            // times the record held before another meeting was added to them, and still holds within the joined times: this
            // report's part of the day is as recorded (a corrected export of the morning that changed someone else; a fresh
            // reviewer was told a later report had replaced it, and its reinstate dropped the afternoon)
            return ReportOutcome.UNCHANGED;
        }
        // times this attendee's record held from a report before and that a later report replaced: this file (another file
        // replaced it, in whatever zone it is read now), or these very times, to the minute (the same export under other bytes,
        // re-saved without seconds or downloaded again; one that matched the record then and was never recorded from; a wrong
        // zone's reading again)
        boolean replacedSince = filesEverRecorded.getOrDefault(day.classDayId(), Set.of()).contains(sha256)
                && !filesNowRecorded(day.classDayId()).contains(sha256)
                || heldBefore;
        if (replacedSince && !reinstate) {
            // a stale upload or a retry does not undo a later report (fresh reviewers' older exports, imported again after the
            // corrected one, byte for byte, with other line endings, or after an export that matched the record, gave back the
            // hours the correction withdrew)
            return ReportOutcome.SUPERSEDED;
        }
        // the same file read again in another zone replaces its earlier reading, and says so (a reader years later need not
        // match SHA-256 prefixes: a fresh reviewer's finding)
        String reason = alone
                ? "participant report " + sha256.substring(0, 12) + " read in " + timeZone + " stands again alone: staff imported it to stand"
                + " again, and the times other reports added to it are dropped"
                : replacedSince
                ? "participant report " + sha256.substring(0, 12) + " read in " + timeZone + ", whose times a later report had replaced, stands"
                + " again: staff imported it to stand again"
                : sha256.equals(fromReport.get(day.classDayId()))
                ? "participant report " + sha256.substring(0, 12) + " read again, in " + timeZone + ", shows other times than its earlier reading "
                + "(in another time zone) recorded"
                : "participant report " + sha256.substring(0, 12) + " read in " + timeZone + " shows other times than the attendance recorded";
        apply(new AttendanceCorrected(seriesId, registrationId, clinicianId, day.classDayId(), day.moduleCode(), firstJoin(merged),
                lastLeave(merged), merged, null, Verification.PLATFORM_LOG, sha256, reason, asGiven(segments, merged),
                rule.judge(day.startsAt(), day.endsAt(), new Attended(merged, null)), List.of(reading)));
        decideCe(schedule, day, rule, reason, true);
        return ReportOutcome.CORRECTED;
    }

    /**
     * A report's times left aside because staff's record by hand stands (SUPERSEDED): kept on the stream as evidence
     * ({@link ParticipantReportSetAside}: an auditor had no trace of what the platform's log said), once per set of times (to
     * the minute) against the record as it stands, whatever the file or zone: a retry, a copy of a file already kept, or a
     * wrong zone's reading imported again adds nothing (a fresh reviewer's wrong-zone retry was kept twice), and each distinct
     * reading stays listed, so a right one is never hidden behind a later wrong one. {@code merged}: the report's segments for
     * this attendee, merged; {@code anotherMeeting}: imported to be added to the times recorded.
     */
    private ReportOutcome setAside(SeriesClassDay day, List<AttendanceSegment> merged, String sha256, String timeZone, boolean anotherMeeting) {
        List<AttendanceSegment> minutes = toTheMinute(merged);
        boolean held = setAsideAgainstRecord.getOrDefault(day.classDayId(), Set.of()).contains(minutes);
        if (!held) {
            String reason = "participant report " + sha256.substring(0, 12) + " read in " + timeZone + (anotherMeeting
                    ? ", imported as another meeting of the day, was not added: staff's record by hand stands"
                    : " shows other times than staff's record by hand, which stands")
                    + "; the report's times are kept here, not applied (staff correct the attendance by hand if the report is right)";
            apply(new ParticipantReportSetAside(seriesId, registrationId, clinicianId, day.classDayId(), day.moduleCode(), sha256, timeZone,
                    merged, anotherMeeting, reason));
        }
        return ReportOutcome.SUPERSEDED;
    }

    /**
     * Whether a report's times for this attendee ({@code segments}, as in the file) stand against staff's record by hand of
     * {@code classDayId} as times staff already reviewed and kept their record against ({@link ReportsSetAsideReviewed}), so
     * that nothing of them is listed for review: kept before (to the minute, merged) and no reading listed now has them. The
     * import says so (a fresh reviewer's import said "disagrees, correct it by hand" for times reviewed an hour before).
     */
    boolean reportTimesReviewed(String classDayId, List<AttendanceSegment> segments) {
        List<AttendanceSegment> minutes = toTheMinute(AttendanceSegment.merged(segments));
        return setAsideAgainstRecord.getOrDefault(classDayId, Set.of()).contains(minutes)
                && !setAsideUnreviewed.getOrDefault(classDayId, Map.of()).containsValue(minutes);
    }

    /**
     * Whether a report (file {@code sha256}, its {@code segments} for this attendee) that replaces the attendance of
     * {@code classDayId} drops another meeting's times: those recorded were joined from several reports (another meeting
     * added), came from a report imported as another meeting of the day ({@code importedAsAnotherMeeting}, the class day's
     * knowledge: the afternoon's report, ticked, imported first), or came from another file whose times this report does not
     * overlap at all (the afternoon's imported without the box; a fresh reviewer's replaced the morning with every flag
     * false). False for a day entered by hand or not recorded. The import desk asks it before the import, and says so for an
     * attendee the import then corrected.
     */
    boolean replacingDropsAnotherMeeting(String classDayId, String sha256, List<AttendanceSegment> segments,
                                         java.util.function.Predicate<String> importedAsAnotherMeeting) {
        if (readings.getOrDefault(classDayId, List.of()).size() > 1) {
            return true;
        }
        Set<String> files = filesNowRecorded(classDayId);
        if (files.stream().anyMatch(f -> !f.equals(sha256) && importedAsAnotherMeeting.test(f))) {
            return true;
        }
        Attended recorded = attendance.get(classDayId);
        return !files.isEmpty() && !files.contains(sha256) && recorded != null && recorded.segments() != null
                && !recorded.segments().isEmpty() && segments != null && !segments.isEmpty()
                && secondsOverlapping(recorded.segments(), AttendanceSegment.merged(segments)) == 0;
    }

    /** Whether the attendance of {@code classDayId} as it stands was recorded or corrected by hand (not from a report file). */
    boolean recordedByHandOn(String classDayId) {
        return attendance.containsKey(classDayId) && fromReport.get(classDayId) == null;
    }

    /**
     * The report files (SHA-256) the attendance of the day as it stands is made up of: those of its readings, or, for an event
     * written before readings were recorded (revision 4 and earlier), the file it names; none when entered by hand.
     */
    private Set<String> filesNowRecorded(String classDayId) {
        List<ReportReading> now = readings.getOrDefault(classDayId, List.of());
        if (!now.isEmpty()) {
            return now.stream().map(ReportReading::sourceFileSha256).collect(java.util.stream.Collectors.toSet());
        }
        String file = fromReport.get(classDayId);
        return file == null ? Set.of() : Set.of(file);
    }

    /**
     * Whether the module of {@code classDayId} (a day this registration attends: its series' day or a booked make-up) holds
     * earned CE hours now; false for a day it does not attend. A participant report's import compares it before and after,
     * to say whose hours the import withdrew.
     */
    boolean hoursEarnedOn(SeriesSchedule schedule, String classDayId) {
        try {
            return ceEarned.containsKey(attendedDay(schedule, classDayId).moduleCode());
        } catch (Refusal notHere) {
            return false;
        }
    }

    /** At most this many segments per class day: a day of reconnections, not a flood. */
    static final int MAX_SEGMENTS = 200;

    /**
     * Checks the shape and bounds of what was recorded and returns the segments merged, in time order.
     *
     * @param overlapsAllowed whether segments that overlap are taken (merged): from a participant report, or confirmed by
     *                        the sender; entered by hand, an overlap is most often a mistyped time, and merging it could
     *                        grant a module's hours the person did not attend (a fresh reviewer's finding, 2026-12-01)
     * @throws Refusal invalid-attendance (422): neither or both of segments and minutes, a segment
     *                 without both times or ending before it starts, too many segments, no verification,
     *                 segments that overlap when not allowed (at the later one's {@code joinedAt});
     *                 and the class day's bounds (rules/ClassDayBounds)
     */
    private static List<AttendanceSegment> checkAttendance(List<AttendanceSegment> segments, Integer minutes, Object verification,
                                                           SeriesClassDay day, boolean overlapsAllowed, Instant now) {
        if (segments.isEmpty() == (minutes == null)) {
            throw Refusal.invalid("invalid-attendance", "Give either joinedAt and leftAt, or minutesPresent (or segments of joinedAt and leftAt).");
        }
        if (verification == null) {
            throw Refusal.invalidField("invalid-attendance", "verification", "Say how attendance was verified: PLATFORM_LOG or STAFF_SIGN_IN.");
        }
        if (segments.size() > MAX_SEGMENTS) {
            throw Refusal.invalidField("invalid-attendance", "segments", "At most " + MAX_SEGMENTS + " segments per class day; " + segments.size() + " given.");
        }
        for (int i = 0; i < segments.size(); i++) {
            AttendanceSegment s = segments.get(i);
            // the request's own pair when it is the only one; else the segment by its place in the list the command carries
            String segment = segments.size() == 1 ? "" : "segments[" + i + "].";
            if (s.joinedAt() == null || s.leftAt() == null) {
                throw Refusal.invalidField("invalid-attendance", segment + (s.joinedAt() == null ? "joinedAt" : "leftAt"),
                        "Give either joinedAt and leftAt, or minutesPresent: every segment needs both joinedAt and leftAt.");
            }
            ClassDayBounds.checkAttendance(day.classDayId(), s.joinedAt(), s.leftAt(), null, day.startsAt(), day.endsAt(), segment);
            ClassDayBounds.checkHappened(day.classDayId(), s.leftAt(), null, day.startsAt(), now, segment);
        }
        if (minutes != null) {
            ClassDayBounds.checkAttendance(day.classDayId(), null, null, minutes, day.startsAt(), day.endsAt(), "");
            ClassDayBounds.checkHappened(day.classDayId(), null, minutes, day.startsAt(), now, "");
        }
        if (!overlapsAllowed) {
            refuseOverlap(segments);
        }
        return AttendanceSegment.merged(segments);
    }

    /**
     * Refuses the first pair of segments (in time order) where one joins before the other has left; touching ones (a
     * rejoin in the same second) are no overlap. Segments are named 1, 2, ... in the order given.
     *
     * @throws Refusal invalid-attendance (422) at {@code segments[i].joinedAt} of the one that joins later
     */
    static void refuseOverlap(List<AttendanceSegment> segments) {
        List<Integer> order = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, segments.size()).boxed().toList());
        order.sort(java.util.Comparator.comparing((Integer i) -> segments.get(i).joinedAt()).thenComparing(i -> segments.get(i).leftAt()));
        int longest = -1; // of the segments so far in time order, the one that leaves last
        for (int i : order) {
            AttendanceSegment s = segments.get(i);
            if (longest >= 0 && s.joinedAt().isBefore(segments.get(longest).leftAt())) {
                AttendanceSegment earlier = segments.get(longest);
                Instant end = s.leftAt().isAfter(earlier.leftAt()) ? s.leftAt() : earlier.leftAt();
                throw Refusal.invalidField("invalid-attendance", "segments[" + i + "].joinedAt", "Segment " + (i + 1) + " ("
                        + s.joinedAt() + " to " + s.leftAt() + ") overlaps segment " + (longest + 1) + " (" + earlier.joinedAt() + " to "
                        + earlier.leftAt() + "): the two would count once, as " + earlier.joinedAt() + " to " + end
                        + ". Check the times; when the platform shows both (connected twice, e.g. two devices), send overlapsConfirmed: true.");
            }
            if (longest < 0 || s.leftAt().isAfter(segments.get(longest).leftAt())) {
                longest = i;
            }
        }
    }

    /**
     * The segments as given when merging changed them (overlapping or touching ones counted once: confirmed by the sender,
     * or from a participant report), so the record keeps what the decision's {@code segments} were made from; else null.
     */
    private static List<AttendanceSegment> asGiven(List<AttendanceSegment> given, List<AttendanceSegment> merged) {
        return given.size() == merged.size() ? null : given;
    }

    private static Instant firstJoin(List<AttendanceSegment> merged) {
        return merged.isEmpty() ? null : merged.get(0).joinedAt();
    }

    private static Instant lastLeave(List<AttendanceSegment> merged) {
        return merged.isEmpty() ? null : merged.get(merged.size() - 1).leftAt();
    }

    /** What is recorded for the class day (segments merged, or minutes), or null. */
    Attended recorded(String classDayId) {
        return attendance.get(classDayId);
    }

    /**
     * One of the series' days, or a day booked as a make-up (with the module's title from the series; its hours are those
     * approved when the make-up day starts, {@link SeriesSchedule#ceHours}).
     */
    private SeriesClassDay attendedDay(SeriesSchedule schedule, String classDayId) {
        return schedule.day(classDayId).orElseGet(() -> makeUps.values().stream()
                .filter(m -> m.classDayId().equals(classDayId)).findFirst().map(m -> asDay(schedule, m))
                .orElseThrow(() -> Refusal.notFound("class-day-not-in-series", "Series " + schedule.seriesNumber() + " does not use class day "
                        + classDayId + ", and the registration has no make-up booked there.")));
    }

    private static SeriesClassDay asDay(SeriesSchedule schedule, MakeUpBooked m) {
        SeriesClassDay own = schedule.dayOfModule(m.moduleCode());
        return new SeriesClassDay(m.classDayId(), m.moduleCode(), own.moduleTitle(), m.date(), m.startsAt(), m.endsAt(), own.ceHours());
    }

    private void checkSeries(String commandSeriesId) {
        if (!seriesId.equals(commandSeriesId)) {
            throw Refusal.notFound("registration-not-found", com.polaris.kat.events.catalog.SeriesIds.named(commandSeriesId) + " has no registration " + registrationId + ".");
        }
    }

    private void checkActive() {
        if (cancelled) {
            throw Refusal.conflict("registration-cancelled", "Registration " + registrationId + " was cancelled.");
        }
    }

    @EventSourcingHandler
    void on(RegistrationCancelled e) {
        cancelled = true;
    }

    @EventSourcingHandler
    void on(AttendanceRecorded e) {
        namedShort.remove(e.classDayId());
        attendance.put(e.classDayId(), new Attended(e.segments(), e.minutesPresent()));
        verifiedBy.put(e.classDayId(), e.verification());
        fromReport.put(e.classDayId(), e.sourceFileSha256());
        readings.put(e.classDayId(), e.reportReadings() == null ? List.of() : e.reportReadings());
        rememberFiles(e.classDayId(), e.sourceFileSha256(), e.reportReadings(), e.segments());
        setAsideAgainstRecord.remove(e.classDayId());
        setAsideUnreviewed.remove(e.classDayId());
    }

    @EventSourcingHandler
    void on(AttendanceCorrected e) {
        Attended corrected = new Attended(e.segments(), e.minutesPresent());
        if (!corrected.equals(attendance.get(e.classDayId()))) {
            // the times changed: the day is decided again; a correction of the verification alone leaves the decision that
            // named it short standing (a fresh reviewer saw the same not-earned decision recorded a second time after one)
            namedShort.remove(e.classDayId());
        }
        attendance.put(e.classDayId(), corrected);
        verifiedBy.put(e.classDayId(), e.verification());
        fromReport.put(e.classDayId(), e.sourceFileSha256());
        readings.put(e.classDayId(), e.reportReadings() == null ? List.of() : e.reportReadings());
        rememberFiles(e.classDayId(), e.sourceFileSha256(), e.reportReadings(), e.segments());
        setAsideAgainstRecord.remove(e.classDayId());
        setAsideUnreviewed.remove(e.classDayId());
    }

    @EventSourcingHandler
    void on(ParticipantReportSetAside e) {
        setAsideAgainstRecord.computeIfAbsent(e.classDayId(), d -> new HashSet<>()).add(toTheMinute(e.segments()));
        setAsideUnreviewed.computeIfAbsent(e.classDayId(), d -> new java.util.LinkedHashMap<>())
                .put(new ReportReading(e.sourceFileSha256(), e.timeZone()), toTheMinute(e.segments()));
    }

    @EventSourcingHandler
    void on(ReportsSetAsideReviewed e) {
        // reviewed: off the list (those named; all of them in revision 1); their times stay known (setAsideAgainstRecord), so
        // importing them again keeps nothing more
        if (e.readings() == null) {
            setAsideUnreviewed.remove(e.classDayId());
        } else {
            Map<ReportReading, List<AttendanceSegment>> left = setAsideUnreviewed.get(e.classDayId());
            if (left != null) {
                e.readings().forEach(left::remove);
            }
        }
    }

    private void rememberFiles(String classDayId, String sha256, List<ReportReading> from, List<AttendanceSegment> segments) {
        if (sha256 != null && segments != null && !segments.isEmpty()) {
            reportTimesEver.computeIfAbsent(classDayId, d -> new HashSet<>()).add(toTheMinute(segments));
        }
        Set<String> files = filesEverRecorded.computeIfAbsent(classDayId, d -> new HashSet<>());
        if (sha256 != null) {
            files.add(sha256);
        }
        if (from != null) {
            from.forEach(r -> files.add(r.sourceFileSha256()));
        }
    }

    @EventSourcingHandler
    void on(MakeUpBooked e) {
        makeUps.put(e.moduleCode(), e);
    }

    @EventSourcingHandler
    void on(com.polaris.kat.events.attendance.AttendanceEvents.MakeUpRescheduled e) {
        MakeUpBooked b = makeUps.get(e.moduleCode());
        if (b != null && b.classDayId().equals(e.classDayId())) {
            makeUps.put(e.moduleCode(), new MakeUpBooked(b.seriesId(), b.registrationId(), b.clinicianId(), b.moduleCode(), b.classDayId(),
                    e.toDate(), e.startsAt(), e.endsAt()));
        }
    }

    @EventSourcingHandler
    void on(MakeUpCancelled e) {
        makeUps.remove(e.moduleCode());
        makeUpsCancelled.put(e.moduleCode(), e);
    }

    @EventSourcingHandler
    void on(ModuleEvaluationCompleted e) {
        evaluationsCompleted.add(e.moduleCode());
        // recorded for the make-up day when one was booked then (RecordEvaluationCompleted's rule), else the series' own day
        MakeUpBooked makeUp = makeUps.get(e.moduleCode());
        if (makeUp != null) {
            evaluatedOnMakeUp.put(e.moduleCode(), makeUp.classDayId());
        } else {
            evaluatedOnMakeUp.remove(e.moduleCode());
        }
    }

    @EventSourcingHandler
    void on(ModuleCeCreditEarned e) {
        ceEarned.put(e.moduleCode(), e.classDayId());
    }

    @EventSourcingHandler
    void on(ModuleCeCreditUpheld e) {
        ceEarned.put(e.moduleCode(), e.classDayId());
        if (e.correctedClassDayId() != null && !e.correctedClassDayId().equals(e.classDayId())
                && e.correctedDayShortfalls() != null && !e.correctedDayShortfalls().isEmpty()) {
            namedShort.add(e.correctedClassDayId());
        }
    }

    @EventSourcingHandler
    void on(ModuleEvaluationWithdrawn e) {
        evaluationsCompleted.remove(e.moduleCode());
        evaluatedOnMakeUp.remove(e.moduleCode());
        evaluationsWithdrawn.add(e.moduleCode());
    }

    @EventSourcingHandler
    void on(ModuleCeCreditRevoked e) {
        ceEarned.remove(e.moduleCode());
        // a withdrawal for the evaluation names no shortfall of the day's attendance: a later short recording of it still gets
        // its own not-earned decision
        if (!CeCreditRule.EVALUATION_WITHDRAWN.equals(e.shortfalls())) {
            namedShort.add(e.classDayId());
        }
    }

    @EventSourcingHandler
    void on(ModuleCeCreditNotEarned e) {
        namedShort.add(e.classDayId());
    }
}
