package com.polaris.kat.projection.views;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.projection.certificates.CeHistory;
import com.polaris.kat.projection.streaming.ProjectionPositions;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditEarned;
import com.polaris.kat.events.enrollment.Clinician;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

import static com.polaris.kat.projection.certificates.CeHistory.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whatever the command side accepts, a view can hold: no view column is narrower than the text written into it (a
 * correction reason of 500 characters, composed with the CE rule, had overflowed the transcript history's VARCHAR(500)
 * and parked every later event of that registration: a fresh reviewer's finding).
 */
class ViewColumnsTest extends ProjectionServiceTestBase {

    @Autowired
    ProjectionPositions positions;

    @Test
    void noViewColumnIsBoundedTextOnlyAxonsAndFlywaysOwnTablesAre() {
        List<String> bounded = jdbc.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'projection' AND data_type = 'character varying' AND character_maximum_length IS NOT NULL
                  AND table_name NOT IN ('token_entry', 'dead_letter_entry', 'flyway_projection_history')""", String.class);
        assertThat(bounded).as("view columns of bounded text (make them TEXT; the command side bounds what it accepts)").isEmpty();
    }

    @Test
    void aLongestCorrectionReasonComposedWithTheRuleIsProjectedNotParked() {
        List<SeriesClassDay> days = List.of(day("M1", "2024-05-06"));
        append("series-93", CeHistory.series(93, days), "registrar");
        append("r93", CeHistory.placed("series-93", "r93", "c93", new Clinician("Lee Long", "lee.long@example.org", "Psychiatrist", "MD-93093", "WA"), true), "front-end");
        String reason = "Corrected from the platform's log: ".concat("x".repeat(465)); // 500 characters, the most a correction takes
        SeriesClassDay d = days.get(0);
        ModuleCeCreditEarned base = CeHistory.earned("series-93", "r93", "c93", d);
        append("r93", new ModuleCeCreditEarned(base.seriesId(), base.registrationId(), base.clinicianId(), base.moduleCode(), base.moduleTitle(),
                base.classDayId(), base.classDate(), base.ceHours(), base.dayStartsAt(), base.dayEndsAt(), base.joinedAt(), base.leftAt(),
                base.segments(), base.minutesPresent(), 0, base.graceMinutes(), 10, base.rule(), reason), "attendance-staff");
        append("r93", CeHistory.revoked("series-93", "r93", "c93", d, reason), "attendance-staff");
        long head = head();
        await().atMost(Duration.ofSeconds(30)).until(() -> positions.processedThrough("transcripts") >= head);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection.dead_letter_entry WHERE processing_group = 'transcripts'", Long.class))
                .as("nothing parked").isZero();
        List<String> history = jdbc.queryForList("SELECT reason FROM projection.transcript_history WHERE registration_id = 'r93' ORDER BY 1",
                String.class);
        assertThat(history).hasSize(2).allSatisfy(r -> assertThat(r).startsWith(reason));
        assertThat(history).anySatisfy(r -> assertThat(r.length()).as("the rule and totals after it").isGreaterThan(500));
    }
}
