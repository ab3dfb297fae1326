package com.polaris.kat.projection.registrations;

import com.polaris.kat.projection.streaming.Projection;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded;
import com.polaris.kat.events.attendance.AttendanceEvents.MakeUpBooked;
import com.polaris.kat.events.attendance.AttendanceEvents.MakeUpCancelled;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditUpheld;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditNotEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationCompleted;
import com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportSetAside;
import com.polaris.kat.events.attendance.AttendanceEvents.ReportsSetAsideReviewed;
import com.polaris.kat.events.attendance.AttendanceInFull;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutFailed;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutSettled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.RefundDecision;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import com.polaris.kat.projection.streaming.ProjectionWriter;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Registrations, their make-ups, attendance and module states. Every statement sets values (never
 * adds to them), so an event delivered twice leaves the rows as they were.
 */
@Component
@ProcessingGroup("registrations")
public class RegistrationProjection extends Projection {

    private final ProjectionWriter writer;
    private final com.polaris.kat.projection.streaming.OpenedClinicians vault;

    public RegistrationProjection(ProjectionWriter writer, com.polaris.kat.projection.streaming.OpenedClinicians vault) {
        this.writer = writer;
        this.vault = vault;
    }

    /** The attendance row's columns of the recorded in-full judgement, in the order {@link #inFull} gives their values. */
    private static final String IN_FULL_COLUMNS = "in_full_grace_minutes, in_full_allowed_absence_minutes, late_arrival, early_departure,"
            + " seconds_away, short_of_full";

    /**
     * The recorded in-full judgement as the values of {@link #IN_FULL_COLUMNS}: grace and allowed absence (minutes), late
     * arrival, early departure, seconds away, the shortfalls joined with "; "; all null when the event did not record one
     * (revisions 1 to 3).
     */
    private static Object[] inFull(AttendanceInFull judged) {
        return judged == null ? new Object[6] : new Object[]{judged.graceMinutes(), judged.allowedAbsenceMinutes(), judged.lateArrival(),
                judged.earlyDeparture(), judged.secondsAway(), String.join("; ", judged.shortfalls())};
    }

    /** These statement arguments in order, each array's elements in its place. */
    private static Object[] arguments(Object[] before, Object[] between, Object... after) {
        return java.util.stream.Stream.of(before, between, after).flatMap(java.util.Arrays::stream).toArray();
    }

    /**
     * The segments as stored: "joinedAt/leftAt" instants (UTC, ISO 8601), ";"-separated, in time order (null when the event
     * has none); read back by {@link SeatQueries#segments}. The transcripts projection stores a correction's two sides so too.
     */
    public static String segments(java.util.List<com.polaris.kat.events.attendance.AttendanceSegment> segments) {
        if (segments == null || segments.isEmpty()) {
            return null;
        }
        return segments.stream().map(g -> g.joinedAt() + "/" + g.leftAt()).collect(java.util.stream.Collectors.joining(";"));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    /** The clinician's fields decrypted, or "[erased]" where their key is gone (PersonalDataVault, opened once per batch: OpenedClinicians). */
    @EventHandler
    void on(RegistrationPlaced e) {
        com.polaris.kat.events.enrollment.Clinician c = vault.open(e.clinicianId(), e.clinician());
        writer.update("""
                INSERT INTO projection.registration (registration_id, series_id, clinician_id, full_name, email, profession,
                    license_number, license_state, ce_option, status, registered_at, price_due_cents, paid_cents, credit_applied_cents,
                    refund_policy_version, first_class_day_at_sale)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?) ON CONFLICT (registration_id) DO NOTHING""",
                e.registrationId(), e.seriesId(), e.clinicianId(), c.fullName(), c.email(),
                c.profession(), c.licenseNumber(), c.licenseState(), e.ceOption(),
                ts(e.registeredAt()), e.priceDue().cents(), e.payment().amountPaid().cents(), e.creditApplied().cents(),
                e.refundPolicyVersion(), e.firstClassDayAtSale());
    }

    /** Erasure: the clinician's contact details leave every row at once (a rebuild reads them as erased anyway). */
    @EventHandler
    void on(com.polaris.kat.events.privacy.PrivacyEvents.ClinicianContactDetailsShredded e) {
        writer.update("UPDATE projection.registration SET email = ?, profession = ? WHERE clinician_id = ?",
                com.polaris.kat.events.enrollment.Clinician.ERASED, com.polaris.kat.events.enrollment.Clinician.ERASED, e.clinicianId());
    }

    /** Retention ended: name, license number and state leave every row of the clinician. */
    @EventHandler
    void on(com.polaris.kat.events.privacy.PrivacyEvents.ClinicianCeIdentityShredded e) {
        String erased = com.polaris.kat.events.enrollment.Clinician.ERASED;
        writer.update("UPDATE projection.registration SET full_name = ?, license_number = ?, license_state = ? WHERE clinician_id = ?",
                erased, erased, erased, e.clinicianId());
    }

    @EventHandler
    void on(RegistrationCancelled e) {
        RefundDecision d = e.decision();
        writer.update("""
                UPDATE projection.registration SET status = 'CANCELLED', cancelled_at = ?, refund_rule = ?, refund_amount_cents = ?,
                    credit_issued_cents = ?, payout_status = CASE WHEN ? > 0 THEN coalesce(payout_status, 'PENDING') END
                WHERE registration_id = ?""",
                ts(d.requestedAt()), d.rule(), d.refundAmount().cents(), d.creditIssued().cents(), d.refundAmount().cents(),
                e.registrationId());
        // the cancellation frees its make-up places in its own transaction (ClassDayMakeUpReleased, "registration
        // cancelled"): no view shows a make-up still planned for it (a fresh reviewer's transcript did, with CE pending)
        writer.update("DELETE FROM projection.registration_make_up WHERE registration_id = ?", e.registrationId());
    }

    @EventHandler
    void on(RefundPayoutSettled e) {
        writer.update("UPDATE projection.registration SET payout_status = 'SETTLED' WHERE registration_id = ?", e.registrationId());
    }

    @EventHandler
    void on(com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutReversed e) {
        writer.update("UPDATE projection.registration SET payout_status = 'REVERSED' WHERE registration_id = ?", e.registrationId());
    }

    @EventHandler
    void on(RefundPayoutFailed e) {
        writer.update("UPDATE projection.registration SET payout_status = 'FAILED' WHERE registration_id = ? AND payout_status <> 'SETTLED'",
                e.registrationId());
    }

    @EventHandler
    void on(MakeUpBooked e) {
        writer.update("""
                INSERT INTO projection.registration_make_up (registration_id, module_code, class_day_id) VALUES (?, ?, ?)
                ON CONFLICT (registration_id, module_code) DO UPDATE SET class_day_id = EXCLUDED.class_day_id""",
                e.registrationId(), e.moduleCode(), e.classDayId());
    }

    /** A make-up cancelled: the module is attended on its series' day again (its day's roster and make-up room follow). */
    @EventHandler
    void on(MakeUpCancelled e) {
        writer.update("DELETE FROM projection.registration_make_up WHERE registration_id = ? AND module_code = ? AND class_day_id = ?",
                e.registrationId(), e.moduleCode(), e.classDayId());
    }

    @EventHandler
    void on(AttendanceRecorded e) {
        writer.update("""
                INSERT INTO projection.registration_attendance (registration_id, class_day_id, module_code, joined_at, left_at,
                    minutes_present, verification, segments, segments_as_given, %s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (registration_id, class_day_id) DO NOTHING""".formatted(IN_FULL_COLUMNS),
                arguments(new Object[]{e.registrationId(), e.classDayId(), e.moduleCode(), ts(e.joinedAt()), ts(e.leftAt()), e.minutesPresent(),
                        e.verification().name(), segments(e.segments()), segments(e.segmentsAsGiven())}, inFull(e.inFull())));
    }

    @EventHandler
    void on(AttendanceCorrected e) {
        // reports set aside against the record before: staff have recorded the day again
        writer.update("DELETE FROM projection.registration_report_set_aside WHERE registration_id = ? AND class_day_id = ?",
                e.registrationId(), e.classDayId());
        writer.update("""
                UPDATE projection.registration_attendance SET joined_at = ?, left_at = ?, minutes_present = ?, verification = ?, corrected = TRUE,
                    segments = ?, segments_as_given = ?, (%s) = (?, ?, ?, ?, ?, ?),
                    -- a decision on other times no longer stands (the same command's new one sets it again); a correction of
                    -- the verification alone keeps it (the times it rests on stand, and no new decision is made)
                    ce_not_earned_because = CASE WHEN segments IS NOT DISTINCT FROM ? AND minutes_present IS NOT DISTINCT FROM ?
                        THEN ce_not_earned_because END
                WHERE registration_id = ? AND class_day_id = ?""".formatted(IN_FULL_COLUMNS),
                arguments(new Object[]{ts(e.joinedAt()), ts(e.leftAt()), e.minutesPresent(), e.verification().name(), segments(e.segments()),
                        segments(e.segmentsAsGiven())}, inFull(e.inFull()), segments(e.segments()), e.minutesPresent(), e.registrationId(),
                        e.classDayId()));
    }

    /**
     * A participant report set aside against staff's record by hand: the roster shows its times beside the record, one row
     * per reading (file and time zone), with when (UTC) and by whom it was kept, until staff record or correct the day again.
     */
    @EventHandler
    void on(ParticipantReportSetAside e, org.axonframework.eventhandling.TrackingToken token, @org.axonframework.eventhandling.Timestamp Instant at,
            @org.axonframework.messaging.annotation.MetaDataValue("actor") String actor) {
        writer.update("""
                INSERT INTO projection.registration_report_set_aside (registration_id, class_day_id, source_file_sha256, time_zone, segments,
                    another_meeting, position, set_at, set_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (registration_id, class_day_id, source_file_sha256, time_zone) DO UPDATE SET segments = EXCLUDED.segments,
                    another_meeting = EXCLUDED.another_meeting, position = EXCLUDED.position, set_at = EXCLUDED.set_at, set_by = EXCLUDED.set_by""",
                e.registrationId(), e.classDayId(), e.sourceFileSha256(), e.timeZone(), segments(e.segments()), e.anotherMeeting(),
                com.polaris.kat.eventstore.position.EventPosition.of(token), Timestamp.from(at), actor);
    }

    /**
     * Staff reviewed readings set aside on the day and keep their record (or an import agreed with it): those readings leave
     * the roster's list (the stream keeps them); all of the day's in revision 1, which named none.
     */
    @EventHandler
    void on(ReportsSetAsideReviewed e) {
        if (e.readings() == null) {
            writer.update("DELETE FROM projection.registration_report_set_aside WHERE registration_id = ? AND class_day_id = ?",
                    e.registrationId(), e.classDayId());
            return;
        }
        for (com.polaris.kat.events.attendance.ReportReading r : e.readings()) {
            writer.update("DELETE FROM projection.registration_report_set_aside WHERE registration_id = ? AND class_day_id = ?"
                    + " AND source_file_sha256 = ? AND time_zone = ?", e.registrationId(), e.classDayId(), r.sourceFileSha256(), r.timeZone());
        }
    }

    @EventHandler
    void on(ModuleEvaluationCompleted e) {
        writer.update("""
                INSERT INTO projection.registration_module (registration_id, module_code, evaluation_completed) VALUES (?, ?, TRUE)
                ON CONFLICT (registration_id, module_code) DO UPDATE SET evaluation_completed = TRUE""", e.registrationId(), e.moduleCode());
    }

    /** A recorded evaluation withdrawn by staff: the module is not evaluated any more (it may be recorded again). */
    @EventHandler
    void on(com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationWithdrawn e) {
        writer.update("UPDATE projection.registration_module SET evaluation_completed = FALSE WHERE registration_id = ? AND module_code = ?",
                e.registrationId(), e.moduleCode());
    }

    @EventHandler
    void on(ModuleCeCreditEarned e) {
        hoursRestOn(e.registrationId(), e.moduleCode(), e.classDayId());
    }

    /** Hours upheld after a correction: they rest on this day now (the module's other day when the corrected one fell short). */
    @EventHandler
    void on(ModuleCeCreditUpheld e) {
        hoursRestOn(e.registrationId(), e.moduleCode(), e.classDayId());
        // the hours moved to the module's other day: the corrected day says what fell short there (a fresh reviewer's read
        // "CE not earned" with no reason)
        if (e.correctedClassDayId() != null && !e.correctedClassDayId().equals(e.classDayId()) && !e.correctedDayShortfalls().isEmpty()) {
            writer.update("UPDATE projection.registration_attendance SET ce_not_earned_because = ? WHERE registration_id = ? AND class_day_id = ?",
                    String.join("; ", e.correctedDayShortfalls()), e.registrationId(), e.correctedClassDayId());
        }
    }

    private void hoursRestOn(String registrationId, String moduleCode, String classDayId) {
        writer.update("""
                INSERT INTO projection.registration_module (registration_id, module_code, ce_earned, decided_class_day_id) VALUES (?, ?, TRUE, ?)
                ON CONFLICT (registration_id, module_code) DO UPDATE SET ce_earned = TRUE, ce_withdrawn = FALSE,
                    decided_class_day_id = EXCLUDED.decided_class_day_id""", registrationId, moduleCode, classDayId);
        // the day it was earned on has nothing short any more; another day of the module (a make-up) keeps what fell short
        // there (a fresh reviewer's make-up day had lost its withdrawal's words once the series' day earned the hours)
        writer.update("UPDATE projection.registration_attendance SET ce_not_earned_because = NULL WHERE registration_id = ? AND class_day_id = ?",
                registrationId, classDayId);
    }

    @EventHandler
    void on(ModuleCeCreditRevoked e) {
        writer.update("""
                UPDATE projection.registration_module SET ce_earned = FALSE, ce_withdrawn = TRUE, decided_class_day_id = ?
                WHERE registration_id = ? AND module_code = ?""", e.classDayId(), e.registrationId(), e.moduleCode());
        // revision 3: what fell short on the corrected day (revisions 1 and 2 did not say: nothing shown)
        writer.update("UPDATE projection.registration_attendance SET ce_not_earned_because = ? WHERE registration_id = ? AND class_day_id = ?",
                e.shortfalls() == null || e.shortfalls().isEmpty() ? null : String.join("; ", e.shortfalls()), e.registrationId(), e.classDayId());
    }

    /**
     * A day not attended in full: what fell short, "; "-separated, on that day's attendance, as the decision names it. The
     * module's decision moves to that day unless its hours are earned on another day (they stay there).
     */
    @EventHandler
    void on(ModuleCeCreditNotEarned e) {
        writer.update("UPDATE projection.registration_attendance SET ce_not_earned_because = ? WHERE registration_id = ? AND class_day_id = ?",
                String.join("; ", e.shortfalls()), e.registrationId(), e.classDayId());
        writer.update("""
                INSERT INTO projection.registration_module (registration_id, module_code, decided_class_day_id) VALUES (?, ?, ?)
                ON CONFLICT (registration_id, module_code) DO UPDATE SET decided_class_day_id = CASE WHEN registration_module.ce_earned
                    THEN registration_module.decided_class_day_id ELSE EXCLUDED.decided_class_day_id END""",
                e.registrationId(), e.moduleCode(), e.classDayId());
    }

    @ResetHandler
    void reset() {
        // DELETE, not TRUNCATE (not MVCC-safe): readers keep the old rows until the reset commits
        for (String table : new String[]{"registration", "registration_make_up", "registration_attendance", "registration_module",
                "registration_report_set_aside"}) {
            writer.update("DELETE FROM projection." + table);
        }
    }
}
