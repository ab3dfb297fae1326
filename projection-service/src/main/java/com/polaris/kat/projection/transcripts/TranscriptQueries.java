package com.polaris.kat.projection.transcripts;

import com.polaris.kat.projection.web.Csv;
import com.polaris.kat.projection.web.NotFound;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CE transcripts and series certificates, for compliance. */
@Repository
public class TranscriptQueries {

    public static final String PROGRAM = "Ketamine Assisted Therapy Training for Clinicians";
    public static final String PROVIDER = "Polaris Insight Center";
    public static final String FORMAT = "live interactive online";

    private final JdbcTemplate jdbc;

    public TranscriptQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private List<Map<String, Object>> modules(String clinicianId) {
        return jdbc.queryForList("""
                SELECT t.registration_id, s.series_number, t.series_id, t.module_code, t.module_title, t.class_day_id, t.class_date, t.ce_hours
                FROM projection.transcript_module t JOIN projection.catalog_series s ON s.series_id = t.series_id
                WHERE t.clinician_id = ? AND t.status = 'EARNED' ORDER BY t.class_date, t.module_code""", clinicianId);
    }

    public Map<String, Object> transcript(String clinicianId) {
        List<Map<String, Object>> completed = new ArrayList<>();
        Map<String, BigDecimal> perSeries = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map<String, Object> m : modules(clinicianId)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("program", PROGRAM);
            row.put("seriesNumber", m.get("series_number"));
            row.put("registrationId", m.get("registration_id"));
            row.put("moduleCode", m.get("module_code"));
            row.put("moduleTitle", m.get("module_title"));
            row.put("date", String.valueOf(m.get("class_date")));
            row.put("classDayId", m.get("class_day_id"));
            row.put("format", FORMAT);
            row.put("ceHours", m.get("ce_hours"));
            completed.add(row);
            BigDecimal h = (BigDecimal) m.get("ce_hours");
            perSeries.merge("Series " + m.get("series_number"), h, BigDecimal::add);
            total = total.add(h);
        }
        List<Map<String, Object>> history = jdbc.queryForList("""
                SELECT occurred_at AS "occurredAt", registration_id AS "registrationId", module_code AS "moduleCode",
                       class_day_id AS "classDayId", change, ce_hours AS "ceHours", reason, actor
                FROM projection.transcript_history WHERE clinician_id = ? ORDER BY position""", clinicianId);
        List<Map<String, Object>> registrations = jdbc.queryForList("""
                SELECT r.registration_id AS "registrationId", s.series_number AS "seriesNumber", r.ce_option AS "ceOption", r.status
                FROM projection.registration r JOIN projection.catalog_series s ON s.series_id = r.series_id
                WHERE r.clinician_id = ? ORDER BY s.series_number""", clinicianId);
        if (completed.isEmpty() && history.isEmpty() && registrations.isEmpty()) {
            throw new NotFound("No CE record exists for clinician " + clinicianId + ".");
        }
        for (Map<String, Object> r : registrations) {
            r.put("certificateDue", certificateDue((String) r.get("registrationId")));
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("clinicianId", clinicianId);
        t.put("participant", participant(clinicianId));
        t.put("program", PROGRAM);
        t.put("provider", PROVIDER);
        t.put("modulesCompleted", completed);
        t.put("hoursPerSeries", perSeries);
        t.put("totalHours", total);
        t.put("registrations", registrations);
        t.put("history", history);
        return t;
    }

    /**
     * The name and license as the clinician's latest registration gave them; "[erased]" once the CE
     * identity was shredded at the end of its retention (issue 13). Empty when no registration is known.
     */
    private Map<String, Object> participant(String clinicianId) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT full_name AS "fullName", license_number AS "licenseNumber", license_state AS "licenseState"
                FROM projection.registration WHERE clinician_id = ? ORDER BY registered_at DESC LIMIT 1""", clinicianId);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    public String transcriptCsv(String clinicianId) {
        Csv csv = new Csv().row(List.of("program", "series", "module_code", "module_title", "date", "format", "ce_hours", "registration_id"));
        for (Map<String, Object> m : modules(clinicianId)) {
            csv.row(List.of(PROGRAM, "Series " + m.get("series_number"), m.get("module_code"), m.get("module_title"),
                    String.valueOf(m.get("class_date")), FORMAT, (BigDecimal) m.get("ce_hours"), m.get("registration_id")));
        }
        return csv.toString();
    }

    /**
     * Due when every module of the series is complete (CE hours earned) on an active registration
     * with the CE option: the rule is certificates/CertificateRule, and a due certificate is the
     * registration's valid issued one.
     */
    public boolean certificateDue(String registrationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM projection.certificate WHERE registration_id = ? AND status = 'VALID')", Boolean.class, registrationId));
    }

    public Map<String, Object> certificate(String registrationId) {
        List<Map<String, Object>> reg = jdbc.queryForList("""
                SELECT r.full_name, r.license_number, r.license_state, s.series_number FROM projection.registration r
                JOIN projection.catalog_series s ON s.series_id = r.series_id WHERE r.registration_id = ?""", registrationId);
        if (reg.isEmpty() || !certificateDue(registrationId)) {
            throw new NotFound("No certificate is due for registration " + registrationId + ": every module of its series must be complete with the CE option.");
        }
        List<Map<String, Object>> modules = jdbc.queryForList("""
                SELECT module_code AS "moduleCode", module_title AS "moduleTitle", class_date AS "date", ce_hours AS "ceHours"
                FROM projection.transcript_module WHERE registration_id = ? AND status = 'EARNED' ORDER BY class_date""", registrationId);
        BigDecimal total = modules.stream().map(m -> (BigDecimal) m.get("ceHours")).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, Object> r = reg.get(0);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("participant", r.get("full_name"));
        c.put("licenseNumber", r.get("license_number"));
        c.put("licenseState", r.get("license_state"));
        c.put("program", PROGRAM);
        c.put("provider", PROVIDER);
        c.put("series", "Series " + r.get("series_number"));
        c.put("format", FORMAT);
        c.put("modules", modules);
        c.put("totalHours", total);
        c.put("verificationCode", jdbc.queryForObject(
                "SELECT code FROM projection.certificate WHERE registration_id = ? AND status = 'VALID'", String.class, registrationId));
        return c;
    }
}
