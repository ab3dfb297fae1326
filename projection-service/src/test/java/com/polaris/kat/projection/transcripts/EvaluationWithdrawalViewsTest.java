package com.polaris.kat.projection.transcripts;

import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationCompleted;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationWithdrawn;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.projection.certificates.CeHistory;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

import static com.polaris.kat.projection.certificates.CeHistory.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An evaluation withdrawn by attendance staff (product rules: evaluations are corrected with a reason): the transcript's
 * history names the withdrawal with its reason and who made it, the module reads not evaluated and its hours withdrawn, the
 * series certificate is withdrawn with them, and the public check says so.
 */
class EvaluationWithdrawalViewsTest extends ProjectionServiceTestBase {

    static final List<SeriesClassDay> DAYS = List.of(day("M1", "2037-03-02"), day("M2", "2037-03-09"), day("M3", "2037-03-16"),
            day("M4", "2037-03-23"), day("M5", "2037-03-30"), day("PRACTICE", "2037-04-06"));

    @Test
    @SuppressWarnings("unchecked")
    void aWithdrawnEvaluationIsACorrectionInTheTranscriptAndWithdrawsTheCertificateWithTheHours() {
        append("series-743", CeHistory.series(743, DAYS), "registrar");
        append("r743a", CeHistory.placed("series-743", "r743a", "uma743", new Clinician("Uma Eval", "uma@example.org", "Psychologist", "PSY-4343", "OR"), true),
                "front-end");
        for (SeriesClassDay d : DAYS) {
            append("r743a", new ModuleEvaluationCompleted("series-743", "r743a", "uma743", d.moduleCode()), "attendance-staff");
            append("r743a", CeHistory.earned("series-743", "r743a", "uma743", d), "attendance-staff");
        }
        String code = CeHistory.certificateCode(port, "r743a", head());
        assertThat(code).matches("KAT-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}");

        SeriesClassDay m1 = DAYS.get(0);
        append("r743a", new ModuleEvaluationWithdrawn("series-743", "r743a", "uma743", "M1", m1.classDayId(), "ticked for the wrong participant"),
                "attendance-staff");
        append("r743a", new ModuleCeCreditRevoked("series-743", "r743a", "uma743", "M1", m1.classDayId(), m1.ceHours(),
                "evaluation withdrawn: ticked for the wrong participant", m1.startsAt(), m1.endsAt(), m1.startsAt(), m1.endsAt(), null, null, 0, 10, 10,
                "rule", List.of("module evaluation not completed (withdrawn)")), "attendance-staff");
        long after = head();

        var compliance = CeHistory.client(port, "compliance");
        Map<String, Object> transcript = compliance.get().uri("/api/transcripts/uma743?minPosition=" + after).retrieve().body(Map.class);
        List<Map<String, Object>> history = (List<Map<String, Object>>) transcript.get("history");
        assertThat(history.subList(history.size() - 2, history.size())).extracting(h -> h.get("change") + " " + h.get("moduleCode") + " "
                        + h.get("classDayId") + " " + h.get("reason") + " " + h.get("actor"))
                .containsExactly("EVALUATION_WITHDRAWN M1 " + m1.classDayId() + " ticked for the wrong participant attendance-staff",
                        "HOURS_WITHDRAWN M1 " + m1.classDayId() + " evaluation withdrawn: ticked for the wrong participant; module evaluation not "
                                + "completed (withdrawn) attendance-staff");
        Map<String, Object> module = ((List<Map<String, Object>>) ((List<Map<String, Object>>) transcript.get("registrations")).get(0).get("modules"))
                .get(0);
        assertThat(module).containsEntry("moduleCode", "M1").containsEntry("evaluationCompleted", false).containsEntry("ce", "WITHDRAWN");
        assertThat(((List<Map<String, Object>>) transcript.get("modulesCompleted"))).extracting(m -> m.get("moduleCode")).doesNotContain("M1");

        // the certificate goes with the hours; the public check says withdrawn, in words that do not name the evaluation
        assertThat(compliance.get().uri("/api/certificates/r743a?minPosition=" + after).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        Map<String, Object> verified = org.springframework.web.client.RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("X-Forwarded-For", "198.51.100.43").defaultStatusHandler(s -> true, (q, r) -> { }).build()
                .get().uri("/verify/" + code).accept(org.springframework.http.MediaType.APPLICATION_JSON).retrieve().body(Map.class);
        assertThat(verified).containsEntry("status", "WITHDRAWN");
        assertThat(verified.toString()).contains("a later correction of the CE record withdrew CE hours it listed").doesNotContain("wrong participant");

        // recorded again (the hours not yet decided again here): the history says so after the withdrawal
        append("r743a", new ModuleEvaluationCompleted("series-743", "r743a", "uma743", "M1"), "attendance-staff");
        long again = head();
        List<Map<String, Object>> later = (List<Map<String, Object>>) compliance.get().uri("/api/transcripts/uma743?minPosition=" + again)
                .retrieve().body(Map.class).get("history");
        assertThat(later.get(later.size() - 1)).containsEntry("change", "EVALUATION_RECORDED_AGAIN").containsEntry("moduleCode", "M1")
                .containsEntry("classDayId", m1.classDayId()).containsEntry("actor", "attendance-staff");
        // a first recording is no correction: six modules evaluated, one entry recorded again
        assertThat(later).filteredOn(h -> "EVALUATION_RECORDED_AGAIN".equals(h.get("change"))).hasSize(1);
        append("r743a", new ModuleEvaluationWithdrawn("series-743", "r743a", "uma743", "M1", m1.classDayId(), "still the wrong participant"),
                "attendance-staff");
        after = head();

        // attendance staff read the module as not evaluated on the registration's attendance
        Map<String, Object> attendance = CeHistory.client(port, "attendance").get().uri("/api/registrations/r743a/attendance?minPosition=" + after)
                .retrieve().body(Map.class);
        assertThat(String.valueOf(attendance)).contains("moduleCode=M1");
        List<Map<String, Object>> modules = (List<Map<String, Object>>) attendance.get("modules");
        assertThat(modules).filteredOn(m -> "M1".equals(m.get("moduleCode"))).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("evaluationCompleted", false));
    }
}
