package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A used Idempotency-Key sent to a sold-out series is answered as any other use of the key, whether or not the
 * sold-out shortcut (SoldOutSeries) holds a decision for the series: a fresh reviewer (2026-12-01) got 409 sold-out
 * right after a sold-out refusal and 422 idempotency-key-reused otherwise, for the same request.
 */
class SoldOutShortcutKeysHttpTest extends EnrollmentServiceTestBase {

    private ResponseEntity<Map> register(String seriesId, String key, String email) {
        return http.post().uri("/api/series/" + seriesId + "/registrations").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key)
                .body(Map.of("clinician", Map.of("fullName", "Omar Shortcut", "email", email, "profession", "Psychologist",
                                "licenseNumber", "PSY-7406", "licenseState", "WA"), "ceOption", false,
                        "payment", Map.of("amountPaidCents", 210000, "chargeReference", "ch_shortcut", "processingFeeCents", 6338)))
                .retrieve().toEntity(Map.class);
    }

    @Test
    void aUsedKeyOnASoldOutSeriesIs422WithAndWithoutTheShortcut() {
        clock.set("2032-01-05T00:00:00Z");
        defineProgramModules();
        for (int n : List.of(7406, 7407)) {
            ResponseEntity<Map> scheduled = post("/api/catalog/series", Map.of("seriesNumber", n, "capacity", 1, "priceCents", 210000,
                    "ceOptionPriceCents", 7500, "classDays", List.of(Map.of("module", "M4", "date", "2032-04-" + (n - 7396)))));
            assertThat(scheduled.getStatusCode().value()).as(String.valueOf(scheduled.getBody())).isEqualTo(201);
        }
        String used = "shortcut-" + UUID.randomUUID();
        assertThat(register("series-7406", used, "omar.first@example.org").getStatusCode().value()).isEqualTo(201);
        assertThat(register("series-7407", "shortcut-" + UUID.randomUUID(), "omar.fills@example.org").getStatusCode().value()).isEqualTo(201);
        // a sold-out refusal through the series: the shortcut now holds its decision
        ResponseEntity<Map> refused = register("series-7407", "shortcut-" + UUID.randomUUID(), "omar.late@example.org");
        assertThat(refused.getBody()).containsEntry("type", "urn:kat:problem:sold-out");
        long events = eventCount();

        // the used key on the sold-out series: the key's answer, twice (the shortcut still holds), nothing written
        for (int i = 0; i < 2; i++) {
            ResponseEntity<Map> reused = register("series-7407", used, "omar.first@example.org");
            assertThat(reused.getStatusCode().value()).isEqualTo(422);
            assertThat(reused.getBody()).containsEntry("type", "urn:kat:problem:idempotency-key-reused");
        }
        // a new key is still refused by the shortcut, as before
        assertThat(register("series-7407", "shortcut-" + UUID.randomUUID(), "omar.other@example.org").getBody())
                .containsEntry("type", "urn:kat:problem:sold-out");
        assertThat(eventCount()).isEqualTo(events);
    }
}
