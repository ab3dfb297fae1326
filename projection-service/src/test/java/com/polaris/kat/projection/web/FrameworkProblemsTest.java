package com.polaris.kat.projection.web;

import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring MVC's own refusals come out of the shared problem factory with a type of docs/problems.md, never about:blank. */
class FrameworkProblemsTest extends ProjectionServiceTestBase {

    @Test
    void aWrongMethodIsMethodNotAllowed() {
        ResponseEntity<Map> r = http.post().uri("/api/catalog/series").contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(Map.class);
        assertThat(r.getStatusCode().value()).isEqualTo(405);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:method-not-allowed").containsEntry("instance", "/api/catalog/series");
    }

    /** A body of another type says to send JSON, and nothing of participant reports, which this service does not import (a fresh reviewer's). */
    @Test
    void aBodyOfAnotherTypeIsAskedForAsJsonOnly() {
        ResponseEntity<Map> r = http.post().uri("/api/admin/projections/ledger/rebuild").contentType(MediaType.TEXT_PLAIN).body("x")
                .retrieve().toEntity(Map.class);
        assertThat(r.getStatusCode().value()).isEqualTo(415);
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:unsupported-media-type");
        assertThat((String) r.getBody().get("detail")).endsWith("; send application/json.").doesNotContain("participant report");
    }

    @Test
    void askingForCsvFromAJsonViewIsNotAcceptable() {
        ResponseEntity<String> r = http.get().uri("/api/catalog/series").accept(MediaType.valueOf("text/csv")).retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(406);
        assertThat(r.getBody()).contains("urn:kat:problem:not-acceptable");
    }

    /** An Accept that is no list of media ranges is 400 naming the header (it had been 406, as if JSON were not had here). */
    @Test
    void anUnreadableAcceptHeaderIsInvalidNotNotAcceptable() {
        for (String accept : new String[]{"application/json;q=1.5", "garbage", "*/*;q=abc", "application/json;q=0.0001", "*/*;q=1e-1",
                "application/json;q=0x1p-1"}) {
            ResponseEntity<Map> r = http.get().uri("/api/catalog/series").header("Accept", accept).retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode().value()).as(accept).isEqualTo(400);
            assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(r.getBody()).as(accept).containsEntry("type", "urn:kat:problem:invalid-header").containsEntry("header", "accept");
            // in the service's words, not its parser's ("Invalid media type …: For input string", a fresh reviewer's)
            assertThat((String) r.getBody().get("detail")).as(accept).doesNotContain("Invalid media type").doesNotContain("For input string")
                    .doesNotContain("Invalid quality value");
        }
        assertThat((String) http.get().uri("/api/catalog/series").header("Accept", "application/json;q=abc").retrieve().toEntity(Map.class)
                .getBody().get("detail")).contains("the quality 'abc' is not a number from 0 to 1");
        assertThat((String) http.get().uri("/api/catalog/series").header("Accept", "*/json").retrieve().toEntity(Map.class)
                .getBody().get("detail")).contains("'*/json' is no media range: a type and a subtype");
        ResponseEntity<String> fine = http.get().uri("/api/catalog/series").header("Accept", "application/json;q=0.9, */*;q=0.1")
                .retrieve().toEntity(String.class);
        assertThat(fine.getStatusCode().value()).isEqualTo(200);
    }

    /**
     * A client that lists the problem type first still gets its JSON read (it had been 406 "Acceptable representations:
     * [application/json]", a fresh reviewer); the problem type alone is still 406; an empty list states no preference.
     */
    @Test
    void aReadAnswersJsonWhenTheAcceptHeaderListsTheProblemTypeFirst() {
        for (String accept : new String[]{"application/problem+json, application/json", "application/problem+json;q=0.9, */*;q=0.1",
                "application/problem+json, */*", ",", "application/json;q=0.5, application/problem+json", "application/json;foo=bar",
                "application/json;q=0.5;level=1", "application/json;charset=UTF-8", "application/vnd.foo+json, application/json;q=0.1"}) {
            ResponseEntity<String> r = http.get().uri("/api/catalog/series").header("Accept", accept).retrieve().toEntity(String.class);
            assertThat(r.getStatusCode().value()).as(accept + ": " + r.getBody()).isEqualTo(200);
            assertThat(r.getHeaders().getContentType()).as(accept).isEqualTo(MediaType.APPLICATION_JSON);
            assertThat(r.getBody()).as(accept).startsWith("{").doesNotContain("urn:kat:problem");
        }
        // a type the API does not document is not served because a library could write it (YAML came with springdoc)
        for (String accept : new String[]{"application/problem+json", "application/yaml", "application/xml", "application/cbor",
                "application/vnd.foo+json"}) {
            ResponseEntity<String> r = http.get().uri("/api/catalog/series").header("Accept", accept).retrieve().toEntity(String.class);
            assertThat(r.getStatusCode().value()).as(accept + ": " + r.getBody()).isEqualTo(406);
            assertThat(r.getHeaders().getContentType()).as(accept).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(r.getBody()).contains("urn:kat:problem:not-acceptable")
                    // the header as sent and what to ask for, not Spring's "Acceptable representations: [application/json]" (a fresh reviewer's)
                    .contains("The Accept header '" + accept + "' takes none of the types this operation answers with (application/json)")
                    .doesNotContain("Acceptable representations");
        }
    }

    /** A path no endpoint has (a trailing slash, a typo) is 404 to an authenticated caller (it was 403, "your role does not allow"). */
    @Test
    void aPathNoEndpointHasIsNotFound() {
        for (String path : new String[]{"/api/catalog/series/", "/api/registrationz", "/nope", "/", "/API/catalog/series"}) {
            ResponseEntity<Map> r = http.get().uri(path).retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode().value()).as(path).isEqualTo(404);
            assertThat(r.getBody()).as(path).containsEntry("type", "urn:kat:problem:not-found");
        }
    }

    /** Actuator endpoints without an access rule stay closed to every role (only health, info, metrics have rules). */
    @Test
    void actuatorEndpointsWithoutARuleStayForbidden() {
        ResponseEntity<Map> r = http.get().uri("/actuator/env").retrieve().toEntity(Map.class);
        assertThat(r.getStatusCode().value()).isEqualTo(403);
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:forbidden");
    }

    /** Every query parameter takes one value: a repeated one is 400 naming it (it was read as both values joined by a comma). */
    @Test
    void aRepeatedQueryParameterIsInvalid() {
        for (String path : new String[]{"/api/clinicians?q=Ada&q=Ben", "/api/catalog/series?size=5&size=6"}) {
            ResponseEntity<Map> r = http.get().uri(path).retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode().value()).as(path).isEqualTo(400);
            assertThat(r.getBody()).as(path).containsEntry("type", "urn:kat:problem:invalid-query");
        }
        assertThat(http.get().uri("/api/clinicians?q=Ada&q=Ben").retrieve().toEntity(Map.class).getBody()).containsEntry("parameter", "q");
    }

    /** HEAD is GET without the body: anonymous HEAD on the public verification is answered like GET (it was 401). */
    @Test
    void anonymousHeadOnThePublicVerificationIsAnsweredLikeGet() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var uri = java.net.URI.create("http://localhost:" + port + "/verify/KAT-0000-0000-0000");
        var head = client.send(java.net.http.HttpRequest.newBuilder(uri).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        var get = client.send(java.net.http.HttpRequest.newBuilder(uri).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(404).isEqualTo(get.statusCode());
        assertThat(head.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
    }

    /** A header section larger than the server reads (8 KiB here, Spring Boot's default) is 431, not a bare 400 (RFC 6585). */
    @Test
    void aHeaderSectionLargerThanTheServerReadsIs431StatingTheLimit() throws Exception {
        String json = rawGet("/verify/KAT-0000-0000-0000", "Accept: application/json\r\n");
        assertThat(json).startsWith("HTTP/1.1 431").contains("application/problem+json")
                .contains("urn:kat:problem:header-fields-too-large").contains("8 KiB");
        assertThat(rawGet("/api/ledger/totals", "")).as("any other path, whatever the Accept").startsWith("HTTP/1.1 431")
                .contains("application/problem+json");
        // the public verification, asked as a browser would (no Accept: the page), gets its refusal page
        String page = rawGet("/verify/KAT-0000-0000-0000", "");
        assertThat(page).startsWith("HTTP/1.1 431").contains("text/html")
                .contains("data-problem-type=\"urn:kat:problem:header-fields-too-large\"").contains("8 KiB");
    }

    private String rawGet(String path, String headers) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "X-Big: " + "a".repeat(9_000)
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
