package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring MVC's own refusals come out of the shared problem factory with a type of docs/problems.md, never about:blank. */
class FrameworkProblemsTest extends EnrollmentServiceTestBase {

    /** What no handler answered goes to the problem error controller, not Spring Boot's default error body. */
    @Test
    void theErrorPathAnswersProblemsNotSpringBootsDefaultBody(@org.springframework.beans.factory.annotation.Autowired
                                                              org.springframework.boot.web.servlet.error.ErrorController errors) {
        org.assertj.core.api.Assertions.assertThat(errors).isInstanceOf(com.polaris.kat.web.ProblemErrorController.class);
    }

    @Test
    void aWrongMethodIsMethodNotAllowed() {
        ResponseEntity<Map> r = http.put().uri("/api/credit/transfers").contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(Map.class);
        assertThat(r.getStatusCode().value()).isEqualTo(405);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:method-not-allowed").containsEntry("title", "Method not allowed")
                .containsEntry("status", 405).containsEntry("instance", "/api/credit/transfers");
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupportedMediaType() {
        ResponseEntity<Map> r = http.post().uri("/api/catalog/modules").contentType(MediaType.TEXT_PLAIN).body("M1").retrieve().toEntity(Map.class);
        assertThat(r.getStatusCode().value()).isEqualTo(415);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:unsupported-media-type").containsEntry("status", 415);
    }

    /** A command's outcome is never labelled a problem: with Accept: text/csv it is sent as JSON (the change was made). */
    @Test
    void aCommandAnsweredToAClientThatAcceptsNoJsonIsStillJsonNotAProblem() {
        defineProgramModules();
        ResponseEntity<String> r = http.put().uri("/api/catalog/modules/M1/ce-hours").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.valueOf("text/csv")).body(Map.of("ceHours", 8, "reason", "as approved: 8 hours")).retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().is2xxSuccessful()).as(r.getStatusCode() + " " + r.getBody()).isTrue();
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    }
}
