package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Registering, being refused and failing leave no name, e-mail or license number in the logs. */
@ExtendWith(OutputCaptureExtension.class)
class NoPersonalDataInLogsTest extends EnrollmentServiceTestBase {

    @Test
    void logsOfRegistrationsAndRefusalsCarryNoPersonalData(CapturedOutput output) {
        clock.set("2023-08-01T00:00:00Z");
        defineProgramModules();
        post("/api/catalog/series", Map.of("seriesNumber", 501, "capacity", 1, "priceCents", 210000, "ceOptionPriceCents", 0,
                "classDays", List.of(Map.of("module", "M1", "date", "2023-10-10"))));
        Map<String, Object> body = Map.of("clinician", Map.of("fullName", "Zelda Quixotic-Pseudonym", "email", "zelda.quixotic@example.org",
                        "profession", "Psychologist", "licenseNumber", "PSY-7741239", "licenseState", "CA"),
                "ceOption", false, "payment", Map.of("amountPaidCents", 210000, "chargeReference", "ch_z", "processingFeeCents", 100));
        for (int i = 0; i < 3; i++) { // placed, then already registered, then sold out / malformed
            http.post().uri("/api/series/series-501/registrations").contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", "log-test-" + i).body(body).retrieve().toBodilessEntity();
        }
        http.post().uri("/api/series/series-501/registrations").contentType(MediaType.APPLICATION_JSON)
                .body("{\"clinician\":{\"fullName\":\"Zelda Quixotic-Pseudonym\",\"email\":\"zelda.quixotic@example.org\"},\"oops\":1}")
                .retrieve().toBodilessEntity();
        assertThat(eventTypes("series-501")).contains("SeatTaken");
        assertThat(output.getAll()).doesNotContain("Zelda").doesNotContain("zelda.quixotic").doesNotContain("PSY-7741239");
    }
}
