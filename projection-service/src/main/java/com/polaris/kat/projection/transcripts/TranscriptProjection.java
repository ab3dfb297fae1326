package com.polaris.kat.projection.transcripts;

import com.polaris.kat.events.catalog.CeHoursApproval;
import com.polaris.kat.projection.streaming.Projection;
import com.polaris.kat.eventstore.position.EventPosition;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditNotEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditUpheld;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import com.polaris.kat.projection.streaming.ProjectionWriter;
import com.polaris.kat.projection.registrations.RegistrationProjection;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** CE modules per registration and the history of every CE decision and attendance correction. */
@Component
@ProcessingGroup("transcripts")
public class TranscriptProjection extends Projection {

    private final ProjectionWriter writer;

    public TranscriptProjection(ProjectionWriter writer) {
        this.writer = writer;
    }

    private void history(EventMessage<?> m, TrackingToken t, String clinicianId, String registrationId, String module, String classDayId,
                         String change, java.math.BigDecimal hours, String reason, String actor, Instant at) {
        writer.update("""
                INSERT INTO projection.transcript_history (entry_id, position, clinician_id, registration_id, module_code, class_day_id,
                    change, ce_hours, reason, actor, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO NOTHING""",
                m.getIdentifier(), EventPosition.of(t), clinicianId, registrationId, module, classDayId, change, hours, reason, actor,
                java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(ModuleCeCreditEarned e, EventMessage<?> m, TrackingToken t, @Timestamp Instant at, @MetaDataValue("actor") String actor) {
        writer.update("""
                INSERT INTO projection.transcript_module (registration_id, module_code, clinician_id, series_id, module_title, class_day_id,
                    class_date, ce_hours, status, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'EARNED', ?)
                ON CONFLICT (registration_id, module_code) DO UPDATE SET status = 'EARNED', class_day_id = EXCLUDED.class_day_id,
                    class_date = EXCLUDED.class_date, ce_hours = EXCLUDED.ce_hours, decided_at = EXCLUDED.decided_at""",
                e.registrationId(), e.moduleCode(), e.clinicianId(), e.seriesId(), e.moduleTitle(), e.classDayId(), e.classDate(),
                e.ceHours(), java.sql.Timestamp.from(at));
        history(m, t, e.clinicianId(), e.registrationId(), e.moduleCode(), e.classDayId(), "HOURS_EARNED", e.ceHours(),
                (e.reason() == null ? "" : e.reason() + "; ") + e.rule() + totals(e.minutesAway(), e.minutesPresent())
                        + approval(e.moduleCode(), e.ceHoursApproval()), actor, at);
    }

    /** Hours upheld after a correction: the module keeps them, on the day they rest on now; the history says so with the rule. */
    @EventHandler
    void on(ModuleCeCreditUpheld e, EventMessage<?> m, TrackingToken t, @Timestamp Instant at, @MetaDataValue("actor") String actor) {
        writer.update("""
                UPDATE projection.transcript_module SET status = 'EARNED', class_day_id = ?, class_date = ?, ce_hours = ?, decided_at = ?
                WHERE registration_id = ? AND module_code = ?""", e.classDayId(), e.classDate(), e.ceHours(), java.sql.Timestamp.from(at),
                e.registrationId(), e.moduleCode());
        String moved = e.correctedClassDayId() == null || e.correctedClassDayId().equals(e.classDayId()) ? ""
                : "; on " + e.correctedClassDayId() + ": " + (e.correctedDayShortfalls().isEmpty() ? "not in full" : String.join(", ", e.correctedDayShortfalls()))
                + ", so the hours rest on " + e.classDayId();
        history(m, t, e.clinicianId(), e.registrationId(), e.moduleCode(), e.classDayId(), "HOURS_UPHELD", e.ceHours(),
                e.reason() + moved + "; " + e.rule() + totals(e.minutesAway(), e.minutesPresent()) + approval(e.moduleCode(), e.ceHoursApproval()),
                actor, at);
    }

    /**
     * The approval a decision's hours come from, in words after its totals, when it is a change of the module's hours
     * ("; hours as changed for M2 from 2023-11-12T00:00:00Z", a UTC instant): compliance sees on the transcript why a day
     * earns other hours than its series was scheduled with. Nothing when they are the hours the series was scheduled with,
     * or when the decision did not name its approval (recorded before 2026-12-06).
     */
    private static String approval(String moduleCode, CeHoursApproval approval) {
        return approval == null || approval.basis() != CeHoursApproval.Basis.MODULE_CHANGE ? ""
                : "; hours as changed for " + moduleCode + " from " + approval.effectiveFrom();
    }

    /**
     * The totals a decision rests on, in words after its rule ("; 6 min away between segments", or "; 470 min present" when
     * only minutes were recorded), so the transcript names them (product rule: "the decision names the segments and the
     * totals"; a fresh reviewer's transcript gave the rule alone).
     */
    private static String totals(Integer minutesAway, Integer minutesPresent) {
        return minutesAway != null ? "; " + minutesAway + " min away between segments" : minutesPresent != null ? "; " + minutesPresent + " min present" : "";
    }

    @EventHandler
    void on(ModuleCeCreditRevoked e, EventMessage<?> m, TrackingToken t, @Timestamp Instant at, @MetaDataValue("actor") String actor) {
        writer.update("UPDATE projection.transcript_module SET status = 'REVOKED', decided_at = ? WHERE registration_id = ? AND module_code = ?",
                java.sql.Timestamp.from(at), e.registrationId(), e.moduleCode());
        // the staff's reason and what fell short (revision 3; older withdrawals did not name it)
        history(m, t, e.clinicianId(), e.registrationId(), e.moduleCode(), e.classDayId(), "HOURS_WITHDRAWN", e.ceHours(),
                e.reason() + (e.shortfalls() == null || e.shortfalls().isEmpty() ? "" : "; " + String.join(", ", e.shortfalls()))
                        + approval(e.moduleCode(), e.ceHoursApproval()), actor, at);
    }

    /**
     * Hours not earned on a class day (its attendance not in full): the history names the day, the hours at stake, what fell
     * short and the totals ("attendance not in full: first join 30 min after the start (at most 10); 0 min away between
     * segments"). The module's state is not changed here: while another of its days
     * holds the hours they stay earned, and a module decided on no day stays as it was (its row is written by an earning).
     * Shown in the transcript's history since 2026-12-02 (a fresh reviewer found the transcript silent about a day decided
     * short while the make-up day held the hours); entries projected before that come with the next rebuild.
     */
    @EventHandler
    void on(ModuleCeCreditNotEarned e, EventMessage<?> m, TrackingToken t, @Timestamp Instant at, @MetaDataValue("actor") String actor) {
        // the shortfalls and totals, not the rule's text: the rule says how hours are earned ("attended in full …"), which
        // read as if the day had been (a fresh reviewer); the event keeps the rule for the audit trail
        history(m, t, e.clinicianId(), e.registrationId(), e.moduleCode(), e.classDayId(), "HOURS_NOT_EARNED", e.ceHours(),
                "attendance not in full: " + (e.shortfalls().isEmpty() ? "not recorded why" : String.join(", ", e.shortfalls()))
                        + totals(e.minutesAway(), e.minutesPresent()) + approval(e.moduleCode(), e.ceHoursApproval()), actor, at);
    }

    /**
     * A check-in: kept as the attendance a later correction of the day replaces (never overwritten, as the registrations
     * projection keeps it; a correction is a new event). Not a row of the history: recording is no correction.
     */
    @EventHandler
    void on(AttendanceRecorded e) {
        writer.update("""
                INSERT INTO projection.transcript_attendance (registration_id, class_day_id, segments, minutes_present, verification)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (registration_id, class_day_id) DO NOTHING""",
                e.registrationId(), e.classDayId(), RegistrationProjection.segments(e.segments()), e.minutesPresent(), e.verification().name());
    }

    /**
     * An attendance correction in the history with its reason, the attendance it replaced (as this projection last saw the
     * day; null when it did not see it) and the attendance it recorded; then the day's attendance is the corrected one. Its
     * row is written first, so an event delivered again (the row's id is the event's) leaves both tables as they were.
     */
    @EventHandler
    void on(AttendanceCorrected e, EventMessage<?> m, TrackingToken t, @Timestamp Instant at, @MetaDataValue("actor") String actor) {
        String after = RegistrationProjection.segments(e.segments());
        writer.update("""
                INSERT INTO projection.transcript_history (entry_id, position, clinician_id, registration_id, module_code, class_day_id,
                    change, ce_hours, reason, actor, occurred_at, before_segments, before_minutes_present, before_verification,
                    after_segments, after_minutes_present, after_verification)
                SELECT ?, ?, ?, ?, ?, ?, 'ATTENDANCE_CORRECTED', NULL, ?, ?, ?, a.segments, a.minutes_present, a.verification, ?, ?, ?
                FROM (SELECT 1) one LEFT JOIN projection.transcript_attendance a ON a.registration_id = ? AND a.class_day_id = ?
                ON CONFLICT (entry_id) DO NOTHING""",
                m.getIdentifier(), EventPosition.of(t), e.clinicianId(), e.registrationId(), e.moduleCode(), e.classDayId(), e.reason(), actor,
                java.sql.Timestamp.from(at), after, e.minutesPresent(), e.verification().name(), e.registrationId(), e.classDayId());
        writer.update("""
                INSERT INTO projection.transcript_attendance (registration_id, class_day_id, segments, minutes_present, verification)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (registration_id, class_day_id) DO UPDATE SET segments = EXCLUDED.segments,
                    minutes_present = EXCLUDED.minutes_present, verification = EXCLUDED.verification""",
                e.registrationId(), e.classDayId(), after, e.minutesPresent(), e.verification().name());
    }

    /**
     * A recorded evaluation withdrawn by staff, with their reason: a correction in the transcript's history (the hours earned
     * on it, if any, are withdrawn by the {@code ModuleCeCreditRevoked} that follows), on the day the module is attended on.
     */
    @EventHandler
    void on(com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationWithdrawn e, EventMessage<?> m, TrackingToken t,
            @Timestamp Instant at, @MetaDataValue("actor") String actor) {
        history(m, t, e.clinicianId(), e.registrationId(), e.moduleCode(), e.classDayId(), "EVALUATION_WITHDRAWN", null, e.reason(), actor, at);
    }

    /**
     * An evaluation recorded again after a withdrawal: in the history too, on the day of the last withdrawal (a fresh
     * reviewer's history ended with the withdrawal while the module read evaluated again). A first recording is no
     * correction and is not listed; the hours it earns are.
     */
    @EventHandler
    void on(com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationCompleted e, EventMessage<?> m, TrackingToken t,
            @Timestamp Instant at, @MetaDataValue("actor") String actor) {
        writer.update(EVALUATION_RECORDED_AGAIN, m.getIdentifier(), EventPosition.of(t), actor, java.sql.Timestamp.from(at),
                e.registrationId(), e.moduleCode());
    }

    /**
     * The history row of an evaluation recorded again, copied from the module's last withdrawal: run for every evaluation
     * recorded, so it reads the history by registration and module through {@code transcript_history_by_registration}
     * (V19_29). Without that index it read the whole history table each time: a rebuild of 1,000,524 events did not finish
     * the transcripts in 15 minutes (377,618 events; 91,494 sequential scans reading 4.2 billion rows), where it had taken
     * 369 s for all six projections before this statement came (2026-12-06).
     */
    static final String EVALUATION_RECORDED_AGAIN = """
            INSERT INTO projection.transcript_history (entry_id, position, clinician_id, registration_id, module_code, class_day_id,
                change, ce_hours, reason, actor, occurred_at)
            SELECT ?, ?, clinician_id, registration_id, module_code, class_day_id, 'EVALUATION_RECORDED_AGAIN', NULL, NULL, ?, ?
            FROM projection.transcript_history WHERE registration_id = ? AND module_code = ? AND change = 'EVALUATION_WITHDRAWN'
            ORDER BY position DESC LIMIT 1
            ON CONFLICT (entry_id) DO NOTHING""";

    @ResetHandler
    void reset() {
        // DELETE, not TRUNCATE (not MVCC-safe): readers keep the old rows until the reset commits
        for (String table : new String[]{"transcript_module", "transcript_history", "transcript_attendance"}) {
            writer.update("DELETE FROM projection." + table);
        }
    }
}
