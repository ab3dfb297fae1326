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

    /** Found by a fresh reviewer: a broken multipart body was a 500 on every path, signed in or not. */
    @Test
    void aMultipartBodyThatCannotBeReadIs400MalformedRequestOnAnyPath() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((TESTER + ":" + TESTER_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String[][] cases = {{"GET", "/actuator/health", null}, {"POST", "/api/catalog/series", basic}, {"PUT", "/api/catalog/series/series-1/capacity", basic},
                {"POST", "/api/class-days/M1-2030-01-07/participant-reports", basic}};
        for (String[] c : cases) {
            for (String type : new String[]{"multipart/form-data; boundary=xyz", "multipart/form-data"}) {
                java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + c[1]))
                        .header("Content-Type", type).method(c[0], java.net.http.HttpRequest.BodyPublishers.ofString("--xyz\r\nbroken"));
                if (c[2] != null) {
                    b.header("Authorization", c[2]);
                }
                java.net.http.HttpResponse<String> r = client.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(c[0] + " " + c[1] + " " + type + ": " + r.body()).isEqualTo(400);
                assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(r.body()).contains("urn:kat:problem:malformed-request").contains("multipart/form-data body could not be read");
            }
        }
    }

    @Test
    void aWrongMethodIsMethodNotAllowed() {
        ResponseEntity<Map> r = http.put().uri("/api/credit/transfers").contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(Map.class);
        assertThat(r.getStatusCode().value()).isEqualTo(405);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:method-not-allowed").containsEntry("title", "Method not allowed")
                .containsEntry("status", 405).containsEntry("instance", "/api/credit/transfers");
        // in the request's terms, not Spring's "Method 'PUT' is not supported." (a fresh reviewer)
        assertThat(r.getBody()).containsEntry("detail", "/api/credit/transfers does not take PUT; it takes POST (see Allow). Nothing was changed.");
        assertThat(r.getHeaders().getAllow()).containsExactly(org.springframework.http.HttpMethod.POST);
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
