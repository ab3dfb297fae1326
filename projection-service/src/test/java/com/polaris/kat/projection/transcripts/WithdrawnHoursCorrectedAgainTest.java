package com.polaris.kat.projection.transcripts;

import com.polaris.kat.events.attendance.AttendanceCommands.Verification;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditNotEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationCompleted;
import com.polaris.kat.events.attendance.AttendanceSegment;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.projection.certificates.CeHistory;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.polaris.kat.projection.certificates.CeHistory.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hours withdrawn by a correction, then the attendance corrected again and still not in full: the module stays withdrawn,
 * and its why names the withdrawal and what falls short now, as the roster and the history do (a fresh reviewer's
 * transcript kept the first correction's shortfall).
 */
class WithdrawnHoursCorrectedAgainTest extends ProjectionServiceTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void theWithdrawnModuleNamesWhatFallsShortAfterTheLaterCorrection() {
        SeriesClassDay m1 = day("M1", "2037-05-04");
        append("series-745", CeHistory.series(745, List.of(m1)), "registrar");
        append("r745a", CeHistory.placed("series-745", "r745a", "vic745", new Clinician("Vic Corrected", "vic@example.org", "Psychologist", "PSY-7450", "OR"), true),
                "front-end");
        Instant start = m1.startsAt(), end = m1.endsAt();
        append("r745a", new AttendanceRecorded("series-745", "r745a", "vic745", m1.classDayId(), "M1", start, end,
                List.of(new AttendanceSegment(start, end)), null, Verification.STAFF_SIGN_IN, null), "attendance-staff");
        append("r745a", new ModuleEvaluationCompleted("series-745", "r745a", "vic745", "M1"), "attendance-staff");
        append("r745a", CeHistory.earned("series-745", "r745a", "vic745", m1), "attendance-staff");

        Instant leftAt = end.minusSeconds(90 * 60);
        append("r745a", new AttendanceCorrected("series-745", "r745a", "vic745", m1.classDayId(), "M1", start, leftAt,
                List.of(new AttendanceSegment(start, leftAt)), null, Verification.STAFF_SIGN_IN, null, "left at 15:30 per the sign-in sheet"),
                "attendance-staff");
        append("r745a", new ModuleCeCreditRevoked("series-745", "r745a", "vic745", "M1", m1.classDayId(), m1.ceHours(),
                "left at 15:30 per the sign-in sheet", start, end, start, leftAt, List.of(new AttendanceSegment(start, leftAt)), null, 0, 10, 10,
                "rule", List.of("left 90 min before the end (at most 10)")), "attendance-staff");
        long withdrawn = head();
        var compliance = CeHistory.client(port, "compliance");
        assertThat(module(compliance.get().uri("/api/transcripts/vic745?minPosition=" + withdrawn).retrieve().body(Map.class)))
                .containsEntry("ce", "WITHDRAWN")
                .containsEntry("ceWhy", "left at 15:30 per the sign-in sheet; left 90 min before the end (at most 10)");

        Instant leftEarlier = end.minusSeconds(120 * 60);
        append("r745a", new AttendanceCorrected("series-745", "r745a", "vic745", m1.classDayId(), "M1", start, leftEarlier,
                List.of(new AttendanceSegment(start, leftEarlier)), null, Verification.STAFF_SIGN_IN, null, "left at 15:00, the host's notes"),
                "attendance-staff");
        append("r745a", new ModuleCeCreditNotEarned("series-745", "r745a", "vic745", "M1", m1.classDayId(), m1.ceHours(), start, end, start,
                leftEarlier, List.of(new AttendanceSegment(start, leftEarlier)), null, 0, 10, 10, "rule",
                List.of("left 120 min before the end (at most 10)"), null), "attendance-staff");
        long corrected = head();
        Map<String, Object> module = module(compliance.get().uri("/api/transcripts/vic745?minPosition=" + corrected).retrieve().body(Map.class));
        assertThat(module).containsEntry("ce", "WITHDRAWN");
        assertThat((String) module.get("ceWhy")).isEqualTo("left at 15:30 per the sign-in sheet; left 90 min before the end (at most 10); since corrected: attendance not in full: "
                + "left 120 min before the end (at most 10); 0 min away between segments");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> module(Map<String, Object> transcript) {
        return ((List<Map<String, Object>>) ((List<Map<String, Object>>) transcript.get("registrations")).get(0).get("modules")).get(0);
    }
}
