package com.polaris.kat.projection.transcripts;

import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transcripts projection's per-event read of the history (an evaluation recorded again copies the module's last
 * withdrawal) goes through an index, not a scan of the whole history: a full benchmark's rebuild of a million events did
 * not finish the transcripts in 15 minutes (91,494 sequential scans, 4.2 billion rows read; 2026-12-07).
 */
class TranscriptHistoryIndexTest extends ProjectionServiceTestBase {

    @Test
    void anEvaluationRecordedAgainReadsTheHistoryByRegistrationNotWhole(@Autowired JdbcTemplate jdbc) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // a history of 30,000 rows of 10,000 registrations, as a rebuild builds one, and the planner's statistics of it
        jdbc.update("""
                INSERT INTO projection.transcript_history (entry_id, position, clinician_id, registration_id, module_code, class_day_id,
                    change, ce_hours, reason, actor, occurred_at)
                SELECT ? || '-' || n, n, 'c-' || (n / 3), ? || '-r' || (n / 3), 'M' || (n % 6 + 1), 'M1-2030-01-07',
                       CASE WHEN n % 3 = 0 THEN 'EVALUATION_WITHDRAWN' ELSE 'HOURS_EARNED' END, NULL, NULL, 'attendance', now()
                FROM generate_series(1, 30000) n""", run, run);
        jdbc.execute("ANALYZE projection.transcript_history");
        List<String> plan = jdbc.queryForList("EXPLAIN " + TranscriptProjection.EVALUATION_RECORDED_AGAIN, String.class,
                run + "-new", 40_000, "attendance", java.sql.Timestamp.from(java.time.Instant.now()), run + "-r42", "M1");
        assertThat(String.join("\n", plan)).as(String.join("\n", plan))
                .doesNotContain("Seq Scan on transcript_history").contains("transcript_history_by_registration");
    }
}
