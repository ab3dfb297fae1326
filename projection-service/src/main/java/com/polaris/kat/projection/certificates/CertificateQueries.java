package com.polaris.kat.projection.certificates;

import com.polaris.kat.projection.certificates.CertificateRule.Line;
import com.polaris.kat.projection.transcripts.TranscriptQueries;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Issued certificates (tables of {@link CertificateProjection}) with the participant as the
 * registrations view holds them (name, license number and state), and a clinician's transcript as
 * the transcript PDF prints it. Call inside {@code Freshness.read} with the "transcripts" and
 * "registrations" views.
 */
@Repository
public class CertificateQueries {

    /** The views these queries read. */
    public static final List<String> READS = List.of("transcripts", "registrations");

    private final JdbcTemplate jdbc;

    public CertificateQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One issued certificate version. {@code status} is VALID or WITHDRAWN; hours are CE hours
     * (decimal); dates are class dates (America/Los_Angeles); {@code issuedAt}/{@code withdrawnAt} UTC.
     * {@code participant}, {@code licenseNumber}, {@code licenseState} are as the registrations view
     * holds them now (null when it has no row).
     */
    public record Certificate(String code, int version, String status, String registrationId, String clinicianId, String seriesId,
                              int seriesNumber, String participant, String licenseNumber, String licenseState,
                              String program, String provider, String format, List<Line> modules, BigDecimal totalHours,
                              LocalDate firstDate, LocalDate lastDate, Instant issuedAt, Instant withdrawnAt, String withdrawnReason) {

        /** Whether this version stands (VALID), not withdrawn. */
        public boolean valid() {
            return "VALID".equals(status);
        }

        /** The series as the certificate prints it: "Series 20". */
        public String series() {
            return "Series " + seriesNumber;
        }
    }

    private static final String SELECT = """
            SELECT c.code, c.version, c.status, c.registration_id, c.clinician_id, c.series_id, c.series_number, c.total_hours,
                   c.first_date, c.last_date, c.issued_at, c.withdrawn_at, c.withdrawn_reason,
                   r.full_name, r.license_number, r.license_state
            FROM projection.certificate c LEFT JOIN projection.registration r ON r.registration_id = c.registration_id
            """;

    /** The registration's valid certificate, if its series is complete. */
    public Optional<Certificate> validFor(String registrationId) {
        return jdbc.query(SELECT + " WHERE c.registration_id = ? AND c.status = 'VALID'", this::certificate, registrationId).stream().findFirst();
    }

    /**
     * The 404 for a registration without a valid certificate, in the same words for its JSON and its PDF (a fresh reviewer
     * read "no certificate is due" from one and "no valid certificate exists" from the other): "There is no registration r"
     * when the registrations view does not know it, else that none is valid and what makes one due (product rules,
     * "Attendance and CE": every module of the series complete with the CE option, the registration not cancelled
     * ({@link CertificateRule}); a withdrawn one is not valid).
     *
     * @param registrationKnown whether the registrations view knows the registration ({@link #registrationKnown})
     */
    public static com.polaris.kat.projection.web.NotFound noValidCertificate(String registrationId, boolean registrationKnown) {
        return new com.polaris.kat.projection.web.NotFound(registrationKnown ? "No valid certificate exists for registration " + registrationId
                + ": one is due when every module of its series is complete with the CE option on a registration not cancelled, and"
                + " a withdrawn one is not valid (its transcript says which)." : "There is no registration " + registrationId + ".");
    }

    /** Whether the registrations view knows this registration (a 404 then says "no certificate", not "no registration"). */
    public boolean registrationKnown(String registrationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM projection.registration WHERE registration_id = ?)",
                Boolean.class, registrationId));
    }

    /** The certificate with this canonical code ({@link CertificateRule#canonical}), valid or withdrawn. */
    public Optional<Certificate> byCode(String code) {
        return jdbc.query(SELECT + " WHERE c.code = ?", this::certificate, code).stream().findFirst();
    }

    /** Whether a later version was issued for the same registration (the certificate was replaced, not only withdrawn). */
    public boolean replacedByLaterVersion(String registrationId, int version) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM projection.certificate WHERE registration_id = ? AND version > ?)",
                Boolean.class, registrationId, version));
    }

    /** Every valid certificate of the clinician, oldest series first. */
    public List<Certificate> validForClinician(String clinicianId) {
        return jdbc.query(SELECT + " WHERE c.clinician_id = ? AND c.status = 'VALID' ORDER BY c.first_date, c.series_number", this::certificate, clinicianId);
    }

    private Certificate certificate(ResultSet rs, int row) throws SQLException {
        String code = rs.getString("code");
        List<Line> lines = jdbc.query("""
                SELECT module_code, module_title, class_date, ce_hours FROM projection.certificate_line WHERE code = ? ORDER BY class_date, module_code""",
                (l, i) -> new Line(l.getString(1), l.getString(2), l.getDate(3).toLocalDate(), l.getBigDecimal(4)), code);
        java.sql.Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
        return new Certificate(code, rs.getInt("version"), rs.getString("status"), rs.getString("registration_id"), rs.getString("clinician_id"),
                rs.getString("series_id"), rs.getInt("series_number"), rs.getString("full_name"), rs.getString("license_number"),
                rs.getString("license_state"), TranscriptQueries.PROGRAM, TranscriptQueries.PROVIDER, TranscriptQueries.FORMAT, lines,
                rs.getBigDecimal("total_hours"), rs.getDate("first_date").toLocalDate(), rs.getDate("last_date").toLocalDate(),
                rs.getTimestamp("issued_at").toInstant(), withdrawn == null ? null : withdrawn.toInstant(), rs.getString("withdrawn_reason"));
    }

    /** One completed module on a transcript. */
    public record TranscriptModule(int seriesNumber, String moduleCode, String moduleTitle, LocalDate date, BigDecimal ceHours,
                                   String participant, String licenseNumber, String licenseState) {
        /** A module whose hours were earned under the transcript's own name and license (the latest registration's). */
        public TranscriptModule(int seriesNumber, String moduleCode, String moduleTitle, LocalDate date, BigDecimal ceHours) {
            this(seriesNumber, moduleCode, moduleTitle, date, ceHours, null, null, null);
        }
    }

    /**
     * One entry of the history of CE decisions and corrections, on the class day it is about; {@code ceHours} null for an
     * attendance correction, which has the attendance it replaced and the attendance it recorded (null on other entries, and
     * where the view did not see them: {@link TranscriptQueries.AttendanceAsRecorded}).
     */
    public record TranscriptEvent(Instant occurredAt, String moduleCode, String classDayId, String change, BigDecimal ceHours, String reason,
                                  String actor, TranscriptQueries.AttendanceAsRecorded attendanceBefore,
                                  TranscriptQueries.AttendanceAsRecorded attendanceAfter) {
    }

    /**
     * A clinician's CE transcript as printed: who (from their latest registration), every module
     * completed, the total hours, every certificate issued (valid or withdrawn, by series and version), and the history of decisions and corrections.
     */
    public record Transcript(String clinicianId, String participant, String licenseNumber, String licenseState, String profession,
                             List<TranscriptModule> modules, BigDecimal totalHours, List<Certificate> certificates,
                             List<TranscriptEvent> history) {
    }

    /** The clinician's transcript; empty when the clinician has no registration at all. */
    public Optional<Transcript> transcript(String clinicianId) {
        List<String[]> who = jdbc.query("""
                SELECT full_name, license_number, license_state, profession FROM projection.registration
                WHERE clinician_id = ? ORDER BY registered_at DESC, registration_id LIMIT 1""",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}, clinicianId);
        if (who.isEmpty()) {
            return Optional.empty();
        }
        List<TranscriptModule> modules = jdbc.query("""
                SELECT s.series_number, t.module_code, t.module_title, t.class_date, t.ce_hours, r.full_name, r.license_number, r.license_state
                FROM projection.transcript_module t
                JOIN projection.certificate_series s ON s.series_id = t.series_id
                LEFT JOIN projection.registration r ON r.registration_id = t.registration_id
                WHERE t.clinician_id = ? AND t.status = 'EARNED' ORDER BY t.class_date, t.module_code""",
                (rs, i) -> new TranscriptModule(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(), rs.getBigDecimal(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)),
                clinicianId);
        List<TranscriptEvent> history = jdbc.query("""
                SELECT occurred_at, module_code, class_day_id, change, ce_hours, reason, actor, %s FROM projection.transcript_history
                WHERE clinician_id = ? ORDER BY position""".formatted(TranscriptQueries.AttendanceAsRecorded.COLUMNS),
                (rs, i) -> new TranscriptEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getString(6), rs.getString(7), TranscriptQueries.AttendanceAsRecorded.read(rs, "before_"),
                        TranscriptQueries.AttendanceAsRecorded.read(rs, "after_")), clinicianId);
        BigDecimal total = modules.stream().map(TranscriptModule::ceHours).reduce(BigDecimal.ZERO, BigDecimal::add);
        String[] w = who.get(0);
        List<Certificate> issued = jdbc.query(SELECT + " WHERE c.clinician_id = ? ORDER BY c.series_number, c.version", this::certificate, clinicianId);
        return Optional.of(new Transcript(clinicianId, w[0], w[1], w[2], w[3], modules, total, issued, history));
    }
}
