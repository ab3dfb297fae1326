package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repeat's {@code KAT-Event-Position} covers everything its first request wrote, also on streams the request does
 * not name: scheduling a series writes its class days' streams, a credit transfer the clinician's credit account. A
 * fresh reviewer (2026-12-01) found repeats answering the newest event of the named streams, below the first answer's
 * position, so {@code ?minPosition=} with it could read a view without the first request's write.
 */
class RepeatPositionHttpTest extends EnrollmentServiceTestBase {

    private ResponseEntity<Map> postWithKey(String path, String key, Object body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key).body(body)
                .retrieve().toEntity(Map.class);
    }

    private static long position(ResponseEntity<?> r) {
        return Long.parseLong(r.getHeaders().getFirst("KAT-Event-Position"));
    }

    @Test
    void aRepeatedSchedulingAnswersAPositionAtOrAfterItsClassDaysEvents() {
        clock.set("2032-01-05T00:00:00Z");
        defineProgramModules();
        String key = "repeat-position-" + UUID.randomUUID();
        Map<String, Object> series = Map.of("seriesNumber", 7404, "capacity", 5, "priceCents", 210000, "ceOptionPriceCents", 7500,
                "classDays", List.of(Map.of("module", "M3", "date", "2032-03-13"), Map.of("module", "M4", "date", "2032-03-20")));
        ResponseEntity<Map> first = postWithKey("/api/catalog/series", key, series);
        assertThat(first.getStatusCode().value()).isEqualTo(201);
        long written = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier LIKE '%2032-03-13%'"
                + " OR aggregate_identifier LIKE '%2032-03-20%' OR aggregate_identifier = 'series-7404'", Long.class);
        assertThat(position(first)).isGreaterThanOrEqualTo(written);

        long events = eventCount();
        ResponseEntity<Map> repeat = postWithKey("/api/catalog/series", key, series);
        assertThat(repeat.getStatusCode().value()).isEqualTo(201);
        assertThat(eventCount()).as("a repeat writes nothing").isEqualTo(events);
        assertThat(position(repeat)).as("at or after the class days' events of the first request")
                .isGreaterThanOrEqualTo(position(first)).isGreaterThanOrEqualTo(written);
    }
}
