package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Errors outside the domain are RFC 9457 problems too. */
class HttpProblemsTest extends EnrollmentServiceTestBase {

    private static void assertProblem(ResponseEntity<Map> r, int status) {
        assertThat(r.getStatusCode().value()).isEqualTo(status);
        assertThat(r.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(r.getBody()).containsEntry("status", status).containsKey("detail");
    }

    @Test
    void aWrongMethodIs405() {
        assertProblem(http.put().uri("/api/credit/transfers").contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(Map.class), 405);
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        assertProblem(http.post().uri("/api/catalog/modules").contentType(MediaType.TEXT_PLAIN).body("M1").retrieve().toEntity(Map.class), 415);
    }

    @Test
    void aBodyAboveTheLimitIs413AndChangesNothing() {
        String huge = "{\"code\":\"M9\",\"title\":\"" + "x".repeat(70_000) + "\",\"ceHours\":8}";
        ResponseEntity<Map> r = http.post().uri("/api/catalog/modules").contentType(MediaType.APPLICATION_JSON).body(huge).retrieve().toEntity(Map.class);
        assertProblem(r, 413);
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:body-too-large");
        assertThat(eventTypes("M9")).isEmpty();
    }
}
