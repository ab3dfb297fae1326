package com.polaris.kat.projection.web;

import com.polaris.kat.events.attendance.AttendanceCommands.Verification;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded;
import com.polaris.kat.events.attendance.AttendanceEvents.MakeUpBooked;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationCompleted;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;
import com.polaris.kat.projection.admin.ProjectionAdminController;
import com.polaris.kat.projection.streaming.ProjectionPositions;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import com.polaris.kat.projection.support.TestEvents;
import com.polaris.kat.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read side's contract (issue 14): every list is one page shape, the read URLs the command side
 * points its 201s at answer, instants are UTC with Z. On a database of its own, so its history
 * changes no other test's totals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadContractTest extends ProjectionServiceTestBase {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "read_contract");
    }

    @Autowired
    ProjectionPositions positions;

    @BeforeAll
    void history() {
        append("M1", new ModuleDefined("M1", "Title M1", new BigDecimal("8")), "admin");
        append("M2", new ModuleDefined("M2", "Title M2", new BigDecimal("8")), "admin");
        append("series-40", new SeriesScheduled("series-40", 40, 5, Money.dollars(2100), Money.ZERO,
                List.of(TestEvents.day("M1", "2023-10-10"), TestEvents.day("M2", "2023-10-17")), "v1"), "admin");
        append("series-41", new SeriesScheduled("series-41", 41, 5, Money.dollars(2100), Money.ZERO,
                List.of(TestEvents.day("M1", "2023-10-24")), "v1"), "admin");
        for (String[] d : new String[][]{{"M1", "2023-10-10", "series-40"}, {"M2", "2023-10-17", "series-40"}, {"M1", "2023-10-24", "series-41"}}) {
            LocalDate date = LocalDate.parse(d[1]);
            append(d[0] + "-" + d[1], new ClassDayScheduled(d[0] + "-" + d[1], d[0], date, ProgramTime.startOf(date), ProgramTime.endOf(date), d[2]),
                    "system:class-day-registry");
        }
        append("series-40", TestEvents.placed("series-40", "q1", "quinn", Money.dollars(2100)), "frontend");
        append("series-40", TestEvents.placed("series-40", "q2", "rae", Money.dollars(2100)), "frontend");
        append("series-40", new RegistrationCancelled("series-40", "q2", "rae", TestEvents.lateCredit(Money.dollars(2100)), null, 0), "frontend");
        append("rae", new CreditIssued("rae", "cancellation:q2", Money.dollars(2100), "series-40", "q2", Money.dollars(2100),
                Instant.parse("2023-10-05T18:00:00Z")), "system:credit-issuer");
        // Quinn makes M1 up on Series 41's day and attends it; M2 is not recorded yet.
        LocalDate makeUp = LocalDate.parse("2023-10-24");
        append("series-40", new MakeUpBooked("series-40", "q1", "quinn", "M1", "M1-2023-10-24", makeUp, ProgramTime.startOf(makeUp),
                ProgramTime.endOf(makeUp)), "attendance");
        append("series-40", new AttendanceRecorded("series-40", "q1", "quinn", "M1-2023-10-24", "M1", ProgramTime.startOf(makeUp),
                ProgramTime.endOf(makeUp), null, Verification.PLATFORM_LOG), "attendance");
        append("series-40", new ModuleEvaluationCompleted("series-40", "q1", "quinn", "M1"), "attendance");
        long head = head();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProjectionAdminController.PROJECTIONS.stream()
                .allMatch(p -> positions.processedThrough(p) >= head));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyListIsOnePageShapeItemsPageSizeTotalItems() {
        Map<String, Integer> lists = Map.ofEntries(
                Map.entry("/api/catalog/modules", 2),
                Map.entry("/api/catalog/series", 2),
                Map.entry("/api/availability/series", 2),
                Map.entry("/api/class-days/M1-2023-10-24/roster", 1),
                Map.entry("/api/ledger/entries", 4),
                Map.entry("/api/credit/rae", 1),
                Map.entry("/api/audit/registrations/q1", 4),
                Map.entry("/api/audit/clinicians/rae", 3),
                Map.entry("/api/admin/projections", ProjectionAdminController.PROJECTIONS.size()),
                Map.entry("/api/admin/projections/ledger/parked", 0));
        lists.forEach((path, total) -> {
            Map<String, Object> all = get(path);
            List<String> keys = List.copyOf(all.keySet());
            assertThat(keys.subList(keys.size() - 4, keys.size())).as(path).containsExactly("items", "page", "size", "totalItems");
            assertThat(all).as(path).containsEntry("page", 0).containsEntry("size", 20).containsEntry("totalItems", total);
            assertThat((List<Object>) all.get("items")).as(path).hasSize(total);
            if (total > 1) {
                Map<String, Object> second = get(path + "?page=1&size=1");
                assertThat(second).as(path).containsEntry("page", 1).containsEntry("size", 1).containsEntry("totalItems", total);
                assertThat((List<Object>) second.get("items")).as(path).hasSize(1);
            }
        });
        assertThat(get("/api/credit/rae")).containsEntry("clinicianId", "rae").containsEntry("balance", "2100.00").containsEntry("balanceCents", 210000);
        assertThat(get("/api/class-days/M1-2023-10-24/roster")).containsEntry("classDayId", "M1-2023-10-24");
        ResponseEntity<Map> tooBig = http.get().uri("/api/admin/projections?size=101").retrieve().toEntity(Map.class);
        assertThat(tooBig.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooBig.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(tooBig.getBody()).containsEntry("type", "urn:kat:problem:invalid-query");
    }

    @Test
    void aModuleIsReadByItsCodeWhereItsCreationPoints() {
        Map<String, Object> m1 = get("/api/catalog/modules/M1");
        assertThat(m1.keySet()).containsExactly("code", "title", "ceHours");
        assertThat(m1).containsEntry("code", "M1").containsEntry("title", "Title M1");
        assertThat(new BigDecimal(String.valueOf(m1.get("ceHours")))).isEqualByComparingTo("8");
        ResponseEntity<Map> missing = http.get().uri("/api/catalog/modules/M9").retrieve().toEntity(Map.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody()).containsEntry("type", "urn:kat:problem:not-found").containsEntry("instance", "/api/catalog/modules/M9");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRegistrationsAttendanceListsEachModuleOnTheDayItIsAttendedOn() {
        Map<String, Object> a = get("/api/registrations/q1/attendance");
        assertThat(a).containsEntry("registrationId", "q1").containsEntry("seriesId", "series-40").containsEntry("status", "ACTIVE")
                .containsEntry("ceOption", false);
        List<Map<String, Object>> modules = (List<Map<String, Object>>) a.get("modules");
        assertThat(modules).extracting(m -> m.get("moduleCode") + " " + m.get("classDayId") + " " + m.get("makeUp") + " " + m.get("attendance")
                        + " " + m.get("evaluationCompleted"))
                .containsExactly("M1 M1-2023-10-24 true RECORDED true", "M2 M2-2023-10-17 false NOT_RECORDED false");
        assertThat(modules.get(0)).containsEntry("joinedAt", "2023-10-24T16:00:00Z").containsEntry("verification", "PLATFORM_LOG");
        assertThat(http.get().uri("/api/registrations/nobody/attendance").retrieve().toEntity(Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aRegistrationsInstantsAreUtcWithZ() {
        Map<String, Object> cancelled = get("/api/registrations/q2");
        assertThat(cancelled).containsEntry("registeredAt", "2023-08-15T17:00:00Z").containsEntry("status", "CANCELLED")
                .containsEntry("refundRule", "LATE_CREDIT").containsEntry("creditIssuedCents", 210000);
        assertThat((String) cancelled.get("cancelledAt")).endsWith("Z");
        assertThat(get("/api/registrations/q1")).containsEntry("cancelledAt", null).containsEntry("refundAmountCents", null);
    }
}
