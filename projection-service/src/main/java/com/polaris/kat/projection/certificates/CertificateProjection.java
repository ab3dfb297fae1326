package com.polaris.kat.projection.certificates;

import com.polaris.kat.eventstore.position.EventPosition;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditUpheld;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.projection.certificates.CertificateRule.Decision;
import com.polaris.kat.projection.certificates.CertificateRule.Line;
import com.polaris.kat.projection.streaming.ProjectionWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Issues and withdraws series certificates as the CE facts of a registration change (tables
 * {@code projection.certificate*}, V17_1). Part of the "transcripts" processing group, so it is
 * rebuilt with the transcripts and every query reading both sees one position. It keeps its own
 * copies of the facts it decides from (the series' modules, the registration's CE option and
 * cancellation, the modules earned), so the decision never depends on another processor's progress,
 * and a replay issues the same certificates with the same codes ({@link CertificateRule#code}).
 * Each registration row remembers the position of the last event applied, so an event delivered
 * again changes nothing. Does not extend {@code Projection}: TranscriptProjection reports unreadable
 * events for this processing group.
 */
@Component
@ProcessingGroup("transcripts")
public class CertificateProjection {

    private final ProjectionWriter writer;
    private final JdbcTemplate jdbc;

    public CertificateProjection(ProjectionWriter writer, JdbcTemplate jdbc) {
        this.writer = writer;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SeriesScheduled e, TrackingToken t) {
        String modules = e.classDays().stream().map(SeriesClassDay::moduleCode).collect(Collectors.toCollection(TreeSet::new))
                .stream().collect(Collectors.joining(","));
        writer.update("""
                INSERT INTO projection.certificate_series (series_id, series_number, module_codes, position) VALUES (?, ?, ?, ?)
                ON CONFLICT (series_id) DO NOTHING""", e.seriesId(), e.seriesNumber(), modules, EventPosition.of(t));
    }

    @EventHandler
    void on(RegistrationPlaced e, TrackingToken t) {
        writer.update("""
                INSERT INTO projection.certificate_registration (registration_id, series_id, clinician_id, ce_option, cancelled, position)
                VALUES (?, ?, ?, ?, false, ?) ON CONFLICT (registration_id) DO NOTHING""",
                e.registrationId(), e.seriesId(), e.clinicianId(), e.ceOption(), EventPosition.of(t));
    }

    @EventHandler
    void on(RegistrationCancelled e, EventMessage<?> m, TrackingToken t, @Timestamp Instant at) {
        if (!apply(e.registrationId(), EventPosition.of(t))) {
            return;
        }
        writer.update("UPDATE projection.certificate_registration SET cancelled = true WHERE registration_id = ?", e.registrationId());
        decide(e.registrationId(), m.getIdentifier(), EventPosition.of(t), at, CertificateRule.REGISTRATION_CANCELLED);
    }

    @EventHandler
    void on(ModuleCeCreditEarned e, EventMessage<?> m, TrackingToken t, @Timestamp Instant at) {
        certify(e.registrationId(), e.moduleCode(), e.moduleTitle(), e.classDayId(), e.classDate(), e.ceHours(), m, t, at,
                "the certified modules changed (" + e.moduleCode() + " earned again)");
    }

    /** Hours upheld after a correction: the certified line follows the day they rest on (a new version only if a line changed). */
    @EventHandler
    void on(ModuleCeCreditUpheld e, EventMessage<?> m, TrackingToken t, @Timestamp Instant at) {
        certify(e.registrationId(), e.moduleCode(), e.moduleTitle(), e.classDayId(), e.classDate(), e.ceHours(), m, t, at,
                "hours of " + e.moduleCode() + " upheld on corrected attendance: " + e.reason());
    }

    /** The module's line as its hours now stand (day, date, hours), then the certificate decided again with {@code reason}. */
    private void certify(String registrationId, String moduleCode, String moduleTitle, String classDayId, java.time.LocalDate classDate,
                         BigDecimal ceHours, EventMessage<?> m, TrackingToken t, Instant at, String reason) {
        long position = EventPosition.of(t);
        if (!apply(registrationId, position)) {
            return;
        }
        writer.update("""
                INSERT INTO projection.certificate_earned (registration_id, module_code, module_title, class_day_id, class_date, ce_hours, position)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (registration_id, module_code) DO UPDATE SET module_title = EXCLUDED.module_title,
                    class_day_id = EXCLUDED.class_day_id, class_date = EXCLUDED.class_date, ce_hours = EXCLUDED.ce_hours, position = EXCLUDED.position""",
                registrationId, moduleCode, moduleTitle, classDayId, classDate, ceHours, position);
        decide(registrationId, m.getIdentifier(), position, at, reason);
    }

    @EventHandler
    void on(ModuleCeCreditRevoked e, EventMessage<?> m, TrackingToken t, @Timestamp Instant at) {
        long position = EventPosition.of(t);
        if (!apply(e.registrationId(), position)) {
            return;
        }
        writer.update("DELETE FROM projection.certificate_earned WHERE registration_id = ? AND module_code = ?", e.registrationId(), e.moduleCode());
        decide(e.registrationId(), m.getIdentifier(), position, at, CertificateRule.hoursWithdrawn(e.moduleCode(), e.reason()));
    }

    /** True (and the registration's position moved on) when this event is newer than the last one applied to it. */
    private boolean apply(String registrationId, long position) {
        List<Long> last = writer.queryForList("SELECT position FROM projection.certificate_registration WHERE registration_id = ?",
                Long.class, registrationId);
        if (last.isEmpty() || last.get(0) >= position) {
            return false;
        }
        writer.update("UPDATE projection.certificate_registration SET position = ? WHERE registration_id = ?", position, registrationId);
        return true;
    }

    private void decide(String registrationId, String eventId, long position, Instant at, String reason) {
        writer.queryForList("SELECT 1", Integer.class); // sends what this batch queued, so the reads below see it
        Map<String, Object> reg = jdbc.queryForMap("""
                SELECT r.ce_option, r.cancelled, r.clinician_id, r.series_id, s.series_number, s.module_codes
                FROM projection.certificate_registration r LEFT JOIN projection.certificate_series s ON s.series_id = r.series_id
                WHERE r.registration_id = ?""", registrationId);
        Set<String> seriesModules = reg.get("module_codes") == null ? Set.of()
                : new TreeSet<>(Arrays.asList(((String) reg.get("module_codes")).split(",")));
        List<Line> now = jdbc.query("""
                SELECT module_code, module_title, class_date, ce_hours FROM projection.certificate_earned
                WHERE registration_id = ? ORDER BY class_date, module_code""",
                (rs, i) -> new Line(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getBigDecimal(4)), registrationId)
                .stream().filter(l -> seriesModules.contains(l.moduleCode())).toList();
        List<String> valid = jdbc.queryForList("SELECT code FROM projection.certificate WHERE registration_id = ? AND status = 'VALID'",
                String.class, registrationId);
        Optional<List<Line>> validLines = valid.stream().findFirst().map(code -> jdbc.query("""
                SELECT module_code, module_title, class_date, ce_hours FROM projection.certificate_line WHERE code = ?""",
                (rs, i) -> new Line(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getBigDecimal(4)), code));
        boolean complete = CertificateRule.complete((Boolean) reg.get("ce_option"), (Boolean) reg.get("cancelled"), seriesModules,
                now.stream().map(Line::moduleCode).toList());
        Decision decision = CertificateRule.decide(validLines, complete, now);
        if (decision == Decision.WITHDRAW || decision == Decision.REISSUE) {
            writer.update("""
                    UPDATE projection.certificate SET status = 'WITHDRAWN', withdrawn_at = ?, withdrawn_position = ?, withdrawn_reason = ?
                    WHERE registration_id = ? AND status = 'VALID'""", java.sql.Timestamp.from(at), position, reason, registrationId);
        }
        if (decision == Decision.ISSUE || decision == Decision.REISSUE) {
            issue(registrationId, eventId, position, at, reg, now);
        }
    }

    private void issue(String registrationId, String eventId, long position, Instant at, Map<String, Object> reg, List<Line> lines) {
        String code = CertificateRule.code(eventId, registrationId);
        Integer version = jdbc.queryForObject("SELECT coalesce(max(version), 0) + 1 FROM projection.certificate WHERE registration_id = ?",
                Integer.class, registrationId);
        BigDecimal total = lines.stream().map(Line::ceHours).reduce(BigDecimal.ZERO, BigDecimal::add);
        writer.update("""
                INSERT INTO projection.certificate (code, registration_id, version, clinician_id, series_id, series_number, total_hours,
                    first_date, last_date, status, issued_at, issued_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'VALID', ?, ?)""",
                code, registrationId, version, reg.get("clinician_id"), reg.get("series_id"), reg.get("series_number"), total,
                lines.get(0).date(), lines.get(lines.size() - 1).date(), java.sql.Timestamp.from(at), position);
        for (Line l : lines) {
            writer.update("INSERT INTO projection.certificate_line (code, module_code, module_title, class_date, ce_hours) VALUES (?, ?, ?, ?, ?)",
                    code, l.moduleCode(), l.moduleTitle(), l.date(), l.ceHours());
        }
    }

    @ResetHandler
    void reset() {
        // DELETE, not TRUNCATE (not MVCC-safe): readers keep the old rows until the reset commits
        for (String table : new String[]{"certificate_line", "certificate", "certificate_earned", "certificate_registration", "certificate_series"}) {
            writer.update("DELETE FROM projection." + table);
        }
    }
}
