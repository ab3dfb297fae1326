package com.polaris.kat.enrollment.catalog;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compliance approves fewer CE hours for a module (product rules, "The program and its catalog": accreditors exclude
 * breaks, compliance may approve fewer). A fresh reviewer's finding, 2026-12-06: the change reached only series scheduled
 * after it, so a series already on sale went on granting the old hours on days taught after the accreditor's decision.
 * Now a class day earns the hours approved when it starts: every day of the module starting after the change, in any
 * series and as a make-up, earns the new hours; a day that had started keeps the old ones, whenever its attendance is
 * recorded.
 */
class CeHoursChangeHttpTest extends EnrollmentServiceTestBase {

    private static final AtomicInteger SERIES = new AtomicInteger(3300);
    private static final AtomicInteger CLINICIAN = new AtomicInteger();

    @Test
    void aChangeReachesEveryDayNotYetStartedAndNoDayThatHad() {
        clock.set("2023-08-01T00:00:00Z");
        String module = "H" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        assertThat(post("/api/catalog/modules", Map.of("code", module, "title", "Hours test module", "ceHours", 8)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String taughtBefore = module + "-2023-10-16"; // 09:00 PDT = 16:00Z
        String taughtAfter = module + "-2023-11-20";  // 09:00 PST = 17:00Z
        String seriesA = schedule(module, "2023-10-16");
        String seriesB = schedule(module, "2023-11-20");
        assertThat(put("/api/catalog/class-days/" + taughtAfter + "/make-up-places", Map.of("places", 2)).getStatusCode()).isEqualTo(HttpStatus.OK);
        String attendsBefore = register(seriesA);
        String makesUpAfter = register(seriesA);
        String attendsAfter = register(seriesB);
        String shortAfter = register(seriesB);

        // the accreditor's decision, after series A's day was taught and before series B's
        clock.set("2023-10-20T00:00:00Z");
        ResponseEntity<Map> changed = put("/api/catalog/modules/" + module + "/ce-hours", Map.of("ceHours", 7, "reason", "accreditor excludes breaks"));
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(lastPayload(module)).contains("\"fromHours\":8", "\"toHours\":7", "\"reason\":\"accreditor excludes breaks\"",
                "\"effectiveFrom\":\"2023-10-20T00:00:00Z\"");
        assertThat(lastMetadata(module)).contains("\"actor\":\"tester\"");
        assertThat(eventTypes(seriesB)).as("nothing is rewritten on the series' stream").containsExactly("SeriesScheduled", "SeatTaken", "SeatTaken");

        // a day taught before the change keeps its hours, though its attendance is recorded after it
        inFull(seriesA, attendsBefore, taughtBefore, "2023-10-16T16:00:00Z", "2023-10-17T00:00:00Z");
        evaluated(seriesA, attendsBefore, module);
        assertThat(eventTypes(attendsBefore)).last().isEqualTo("ModuleCeCreditEarned");
        assertThat(lastPayload(attendsBefore)).contains("\"ceHours\":8", "\"classDayId\":\"" + taughtBefore + "\"")
                // the decision names the approval it applied: the hours the series was scheduled with
                .contains("\"ceHoursApproval\":{\"basis\":\"SERIES_SCHEDULED\"");

        // a make-up of series A's module on a day taught after the change earns the new hours, not those A was scheduled with
        assertThat(post("/api/series/" + seriesA + "/registrations/" + makesUpAfter + "/make-ups",
                Map.of("moduleCode", module, "classDayId", taughtAfter)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        clock.set("2023-11-21T02:00:00Z");
        inFull(seriesA, makesUpAfter, taughtAfter, "2023-11-20T17:00:00Z", "2023-11-21T01:00:00Z");
        evaluated(seriesA, makesUpAfter, module);
        assertThat(eventTypes(makesUpAfter)).last().isEqualTo("ModuleCeCreditEarned");
        assertThat(lastPayload(makesUpAfter)).contains("\"ceHours\":7", "\"classDayId\":\"" + taughtAfter + "\"")
                .contains("\"ceHoursApproval\":{\"basis\":\"MODULE_CHANGE\",\"effectiveFrom\":\"2023-10-20T00:00:00Z\"}");

        // series B, scheduled (and sold) before the change, teaches its day after it: the new hours
        inFull(seriesB, attendsAfter, taughtAfter, "2023-11-20T17:00:00Z", "2023-11-21T01:00:00Z");
        evaluated(seriesB, attendsAfter, module);
        assertThat(eventTypes(attendsAfter)).last().isEqualTo("ModuleCeCreditEarned");
        assertThat(lastPayload(attendsAfter)).contains("\"ceHours\":7", "\"ceHoursApproval\":{\"basis\":\"MODULE_CHANGE\",\"effectiveFrom\":\"2023-10-20T00:00:00Z\"}");

        // a day attended short: its not-earned decision names the hours at stake, as approved when the day started
        inFull(seriesB, shortAfter, taughtAfter, "2023-11-20T18:00:00Z", "2023-11-21T01:00:00Z");
        assertThat(eventTypes(shortAfter)).last().isEqualTo("ModuleCeCreditNotEarned");
        assertThat(lastPayload(shortAfter)).contains("\"ceHours\":7", "\"ceHoursApproval\":{\"basis\":\"MODULE_CHANGE\",\"effectiveFrom\":\"2023-10-20T00:00:00Z\"}");
    }

    /** A series of two seats running {@code module} on {@code date}; its id. */
    private String schedule(String module, String date) {
        int n = SERIES.incrementAndGet();
        assertThat(post("/api/catalog/series", Map.of("seriesNumber", n, "capacity", 2, "priceCents", 210000, "ceOptionPriceCents", 7500,
                "classDays", List.of(Map.of("module", module, "date", date)))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return "series-" + n;
    }

    /** A registration with the CE option; its id. */
    private String register(String seriesId) {
        ResponseEntity<Map> r = post("/api/series/" + seriesId + "/registrations", body());
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) r.getBody().get("registrationId");
    }

    private static Map<String, Object> body() {
        String email = "hours" + CLINICIAN.incrementAndGet() + "@example.org";
        return Map.of("clinician", Map.of("fullName", "Dr. Hours", "email", email, "profession", "Psychologist", "licenseNumber", "PSY777",
                        "licenseState", "CA"), "ceOption", true,
                "payment", Map.of("amountPaidCents", 217500, "chargeReference", "ch_" + email.hashCode(), "processingFeeCents", 6338));
    }

    private void inFull(String seriesId, String registrationId, String classDayId, String joinedAt, String leftAt) {
        assertThat(post("/api/series/" + seriesId + "/registrations/" + registrationId + "/attendance", Map.of("classDayId", classDayId,
                "joinedAt", joinedAt, "leftAt", leftAt, "verification", "PLATFORM_LOG")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private void evaluated(String seriesId, String registrationId, String module) {
        assertThat(post("/api/series/" + seriesId + "/registrations/" + registrationId + "/evaluations", Map.of("moduleCode", module))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private String lastPayload(String aggregateId) {
        return jdbc.queryForObject("SELECT payload_type || convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", String.class, aggregateId);
    }

    private String lastMetadata(String aggregateId) {
        return jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", String.class, aggregateId);
    }
}
