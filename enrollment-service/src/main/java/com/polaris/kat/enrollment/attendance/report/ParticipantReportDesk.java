package com.polaris.kat.enrollment.attendance.report;

import com.polaris.kat.enrollment.attendance.CeCreditRule;
import com.polaris.kat.enrollment.classday.ClassDay;
import com.polaris.kat.enrollment.classday.ClassDayPlaces;
import com.polaris.kat.enrollment.registration.ModuleAttendance;
import com.polaris.kat.enrollment.registration.ModuleAttendance.ReportOutcome;
import com.polaris.kat.enrollment.registration.Registration;
import com.polaris.kat.enrollment.rules.Aggregates;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.series.SeriesSchedule;
import com.polaris.kat.enrollment.series.SeriesSeats;
import com.polaris.kat.events.attendance.AttendanceCommands.ImportParticipantReport;
import com.polaris.kat.events.attendance.AttendanceCommands.ReportAttendance;
import com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportImported;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Imports a participant report's attendance for a class day in one transaction: every matched
 * registration's attendance recorded (or corrected), the import on the class day's stream, and the
 * make-up places given back by attendees whose module it shows attended in full; a refusal of any
 * part refuses the whole (nothing half-imported). Streams are taken in the lock order of
 * credit/ClinicianCredit: the registrations (ascending id), their series, the class day, then the
 * make-up days (later days of the same module: they have not started).
 */
@Component
public class ParticipantReportDesk {

    /**
     * What the import did, for the answer to name at once (fresh reviewers' imports withdrew hours, gave them back, dropped an
     * afternoon and contradicted hand records with no word):
     * <ul>
     * <li>{@code outcomes}: per registration (ascending id);</li>
     * <li>{@code importedBefore}: a repeat that recorded no import (the file was imported for the day before and again changed
     * nobody's attendance nor the evidence kept against a hand record (a reading set aside, or an earlier reading of the file
     * cleared by an agreeing one): a retry, or a stale file that a later report or a hand record stands against);</li>
     * <li>{@code hoursWithdrawn} / {@code hoursEarned}: the registrations whose module of this day held earned CE hours before
     * the import and not after, or the reverse;</li>
     * <li>{@code linesSetAside}: the file's lines set aside on this day before (line → the reason first given);</li>
     * <li>{@code otherMeetingsDropped}: the registrations the import corrected whose times had been another meeting's too
     * ({@link Registration#replacingReportDropsAnotherMeeting}), said whether or not hours were at stake;</li>
     * <li>{@code handRecordStands}: of those SUPERSEDED, the registrations whose day stands as staff recorded or corrected it
     * by hand (the others: a later report stands; reinstate cannot override a hand record); the report's times for them are
     * on their streams ({@code ParticipantReportSetAside}, or an earlier report's attendance event);</li>
     * <li>{@code reviewedBefore}: of those, the registrations for which staff had already reviewed these times and kept their
     * record ({@link Registration#reportTimesReviewed}): nothing is listed for review again.</li>
     * </ul>
     */
    public record Result(Map<String, ReportOutcome> outcomes, boolean importedBefore, java.util.Set<String> hoursWithdrawn,
                         java.util.Set<String> hoursEarned, Map<Long, String> linesSetAside, java.util.Set<String> otherMeetingsDropped,
                         java.util.Set<String> handRecordStands, java.util.Set<String> reviewedBefore) {
        public Result {
            reviewedBefore = reviewedBefore == null ? java.util.Set.of() : java.util.Set.copyOf(reviewedBefore);
            handRecordStands = handRecordStands == null ? java.util.Set.of() : java.util.Set.copyOf(handRecordStands);
            otherMeetingsDropped = otherMeetingsDropped == null ? java.util.Set.of() : java.util.Set.copyOf(otherMeetingsDropped);
            hoursWithdrawn = hoursWithdrawn == null ? java.util.Set.of() : java.util.Set.copyOf(hoursWithdrawn);
            hoursEarned = hoursEarned == null ? java.util.Set.of() : java.util.Set.copyOf(hoursEarned);
            linesSetAside = linesSetAside == null ? Map.of() : Map.copyOf(linesSetAside);
        }
    }

    private final Repository<ClassDay> classDays;
    private final Repository<Registration> registrations;
    private final SeriesSeats series;

    /** Axon's repositories of class days and registrations; series schedules through {@code series}. */
    public ParticipantReportDesk(Repository<ClassDay> classDayRepository, Repository<Registration> registrationRepository, SeriesSeats series) {
        this.classDays = classDayRepository;
        this.registrations = registrationRepository;
        this.series = series;
    }

    /**
     * @throws Refusal class-day-not-found, registration-not-found (404); class-day-not-started, participant-report-read-in-another-zone
     *                 (409); invalid-attendance and the class-day bounds (422)
     */
    @CommandHandler
    public Result handle(ImportParticipantReport cmd, CeCreditRule rule, Clock clock, ClassDayPlaces places) {
        Instant now = clock.instant();
        Map<String, ReportAttendance> byRegistration = new TreeMap<>();
        cmd.attendees().forEach(a -> byRegistration.put(a.registrationId(), a));
        Map<String, Aggregate<Registration>> loaded = new LinkedHashMap<>();
        for (String id : byRegistration.keySet()) {
            loaded.put(id, Aggregates.loadOrRefuse(registrations, id,
                    () -> Refusal.notFound("registration-not-found", "There is no registration " + id + ".")));
        }
        Map<String, SeriesSchedule> schedules = new TreeMap<>();
        loaded.values().stream().map(r -> r.invoke(Registration::seriesId)).sorted().distinct()
                .forEach(seriesId -> schedules.put(seriesId, series.schedule(seriesId)));
        Aggregate<ClassDay> day = Aggregates.loadOrRefuse(classDays, cmd.classDayId(),
                () -> Refusal.notFound("class-day-not-found", "There is no class day " + cmd.classDayId() + "."));
        Map<String, ReportOutcome> outcomes = new LinkedHashMap<>();
        Map<Long, String> linesSetAside = day.invoke(d -> d.linesSetAside(cmd.sourceFileSha256()));
        boolean fileImportedBefore = day.invoke(d -> d.reportFileImported(cmd.sourceFileSha256()));
        if (cmd.addToRecorded() && fileImportedBefore && !day.invoke(d -> d.lastReadIn(cmd.sourceFileSha256(), cmd.timeZone()))) {
            // one file is one meeting: read again in another zone than its latest reading, its times are not another meeting's (a
            // fresh reviewer's wrong-zone reading stayed beside the right one and filled an hour the participant missed; the next
            // one's file read right, then wrong, then added back right, mixed both readings)
            throw Refusal.conflict("participant-report-read-in-another-zone", "This file's latest import for class day " + cmd.classDayId()
                    + " read its times in another time zone, so it is not another meeting of the day: import it without 'another"
                    + " meeting' to replace that reading (with reinstate, the box 'This earlier report should stand again', if another"
                    + " report replaced its times since), then add the day's other report again with 'another meeting'. Nothing was"
                    + " imported.");
        }
        java.util.SortedSet<Long> unmatched = new java.util.TreeSet<>(cmd.unmatchedLines());
        java.util.Set<String> hoursWithdrawn = new java.util.TreeSet<>();
        java.util.Set<String> hoursEarned = new java.util.TreeSet<>();
        java.util.Set<String> otherMeetingsDropped = new java.util.TreeSet<>();
        java.util.Set<String> handRecordStands = new java.util.TreeSet<>();
        java.util.Set<String> reviewedBefore = new java.util.TreeSet<>();
        boolean appended = false;
        for (var e : loaded.entrySet()) {
            ReportAttendance a = byRegistration.get(e.getKey());
            SeriesSchedule schedule = schedules.get(e.getValue().invoke(Registration::seriesId));
            boolean heldHours = e.getValue().invoke(r -> r.hoursEarnedOn(schedule, cmd.classDayId()));
            Long versionBefore = e.getValue().version();
            boolean replacesAnotherMeeting = !cmd.addToRecorded() && e.getValue().invoke(r -> r.replacingReportDropsAnotherMeeting(
                    cmd.classDayId(), cmd.sourceFileSha256(), a.segments(), f -> day.invoke(d -> d.importedAsAnotherMeeting(f))));
            ReportOutcome outcome = e.getValue().invoke(r -> r.recordFromReport(schedule, cmd.classDayId(), a.segments(),
                    cmd.sourceFileSha256(), cmd.timeZone(), cmd.addToRecorded(), cmd.reinstate(), rule, now));
            boolean holdsHours = e.getValue().invoke(r -> r.hoursEarnedOn(schedule, cmd.classDayId()));
            if (heldHours && !holdsHours) {
                hoursWithdrawn.add(e.getKey());
            } else if (!heldHours && holdsHours) {
                hoursEarned.add(e.getKey());
            }
            if (outcome == ReportOutcome.CORRECTED && replacesAnotherMeeting) {
                otherMeetingsDropped.add(e.getKey());
            }
            if (outcome == ReportOutcome.SUPERSEDED && e.getValue().invoke(r -> r.attendanceRecordedByHandOn(cmd.classDayId()))) {
                handRecordStands.add(e.getKey());
                if (e.getValue().invoke(r -> r.reportTimesReviewed(cmd.classDayId(), a.segments()))) {
                    reviewedBefore.add(e.getKey());
                }
            }
            // anything appended for this attendee, also where the outcome is UNCHANGED or SUPERSEDED (a reading set aside against
            // a hand record, or an earlier one cleared by an agreeing reading): the import is recorded
            appended |= !java.util.Objects.equals(e.getValue().version(), versionBefore);
            outcomes.put(e.getKey(), outcome);
            if (outcome == ReportOutcome.NOT_EXPECTED) {
                unmatched.addAll(a.lines());
            }
        }
        if (fileImportedBefore && !appended && outcomes.values().stream().allMatch(o -> o == ReportOutcome.UNCHANGED || o == ReportOutcome.NOT_EXPECTED
                || o == ReportOutcome.SUPERSEDED || o == ReportOutcome.NOT_ADDED)) {
            // the same file again changing nobody's attendance (a retry: its reading among each attendee's, ModuleAttendance;
            // another name of its zone, US/Pacific for America/Los_Angeles; added again, or beside hand records): no new
            // import (a fresh reviewer's list showed such imports)
            return new Result(outcomes, true, java.util.Set.of(), java.util.Set.of(), linesSetAside, java.util.Set.of(), handRecordStands, reviewedBefore);
        }
        // a make-up of a module now attended in full on its series' day (this day) gives its place back (ModuleAttendance's rule)
        for (var e : loaded.entrySet()) {
            if (outcomes.get(e.getKey()) == ReportOutcome.RECORDED || outcomes.get(e.getKey()) == ReportOutcome.CORRECTED) {
                SeriesSchedule schedule = schedules.get(e.getValue().invoke(Registration::seriesId));
                e.getValue().invoke(r -> r.releaseUnneededMakeUp(schedule, cmd.classDayId(), rule, now))
                        .ifPresent(d -> places.release(List.of(d), e.getValue().invoke(Registration::clinicianId), e.getKey(),
                                ModuleAttendance.MAKE_UP_NOT_NEEDED, now));
            }
        }
        List<Long> unmatchedLines = List.copyOf(unmatched);
        day.execute(d -> d.recordReportImported(new ParticipantReportImported(cmd.classDayId(), cmd.sourceFileSha256(), cmd.timeZone(),
                cmd.rows(), count(outcomes, ReportOutcome.RECORDED), count(outcomes, ReportOutcome.CORRECTED),
                count(outcomes, ReportOutcome.UNCHANGED), unmatchedLines.size(), unmatchedLines, cmd.addToRecorded(),
                cmd.addToRecorded() ? count(outcomes, ReportOutcome.NOT_ADDED) : null, count(outcomes, ReportOutcome.SUPERSEDED),
                cmd.reinstate())));
        return new Result(outcomes, false, hoursWithdrawn, hoursEarned, linesSetAside, otherMeetingsDropped, handRecordStands,
                reviewedBefore);
    }

    private static int count(Map<String, ReportOutcome> outcomes, ReportOutcome o) {
        return (int) outcomes.values().stream().filter(o::equals).count();
    }
}
