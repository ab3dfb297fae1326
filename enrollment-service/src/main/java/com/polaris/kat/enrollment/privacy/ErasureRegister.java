package com.polaris.kat.enrollment.privacy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The erasure requests whose CE identity is still kept ({@code enrollment.erasure_request}), written
 * in the command's transaction, read by the retention job. Pseudonymous ids and instants only.
 */
@Component
public class ErasureRegister {

    private final JdbcTemplate jdbc;

    public ErasureRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A request (a later one, after the clinician registered again, puts their new CE identity keys back in the job's list). */
    void requested(String clinicianId, Instant at) {
        jdbc.update("INSERT INTO enrollment.erasure_request (clinician_id, requested_at) VALUES (?, ?) "
                + "ON CONFLICT (clinician_id) DO UPDATE SET requested_at = EXCLUDED.requested_at, identity_shredded_at = NULL",
                clinicianId, Timestamp.from(at));
    }

    /** The clinician's latest erasure request (UTC), if any. */
    public java.util.Optional<Instant> latestRequest(String clinicianId) {
        return jdbc.query("SELECT requested_at FROM enrollment.erasure_request WHERE clinician_id = ?",
                (rs, i) -> rs.getTimestamp(1).toInstant(), clinicianId).stream().findFirst();
    }

    void identityShredded(String clinicianId, Instant at) {
        jdbc.update("UPDATE enrollment.erasure_request SET identity_shredded_at = ? WHERE clinician_id = ?", Timestamp.from(at), clinicianId);
    }

    /** Clinicians with an erasure request whose CE identity is still kept, oldest request first. */
    public List<String> identitiesKept() {
        return jdbc.queryForList("SELECT clinician_id FROM enrollment.erasure_request WHERE identity_shredded_at IS NULL ORDER BY requested_at",
                String.class);
    }
}
