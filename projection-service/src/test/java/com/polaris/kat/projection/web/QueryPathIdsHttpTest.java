package com.polaris.kat.projection.web;

import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: every path variable of the read side longer than its column (or with characters no id
 * has) is 400 invalid-path naming it, on every endpoint the service maps.
 */
class QueryPathIdsHttpTest extends ProjectionServiceTestBase {

    private static final Map<String, Integer> COLUMN = Map.of("seriesId", 40, "classDayId", 40, "registrationId", 36, "clinicianId", 36,
            "number", 10, "name", 100);

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    @SuppressWarnings("rawtypes")
    void everyPathVariableLongerThanItsColumnIs400NamingIt() {
        int[] checked = {0};
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getName().startsWith("com.polaris")) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                for (var method : info.getMethodsCondition().getMethods()) {
                    Matcher m = Pattern.compile("\\{([^}]+)}").matcher(pattern);
                    while (m.find()) {
                        String name = m.group(1);
                        if (name.equals("verificationCode")) {
                            continue; // the public certificate check answers any code alike (VerificationTest)
                        }
                        String path = pattern.replace("{" + name + "}", "7".repeat(COLUMN.getOrDefault(name, 40) + 1))
                                .replaceAll("\\{[^}]+}", "x1");
                        ResponseEntity<Map> r = http.method(org.springframework.http.HttpMethod.valueOf(method.name())).uri(path)
                                .retrieve().toEntity(Map.class);
                        assertThat(r.getStatusCode()).as(method + " " + path).isEqualTo(HttpStatus.BAD_REQUEST);
                        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:invalid-path").containsEntry("parameter", name);
                        checked[0]++;
                    }
                }
            }
        });
        assertThat(checked[0]).isGreaterThanOrEqualTo(12);
        ResponseEntity<Map> odd = http.get().uri("/api/availability/series/{id}", "series 1").retrieve().toEntity(Map.class);
        assertThat(odd.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(odd.getBody()).containsEntry("parameter", "seriesId");
    }

    /** Found by QueryApiFuzzTest: {@code GET /api/ledger/totals?seriesId=%00} reached PostgreSQL (no NUL in text) and answered 500. */
    @Test
    @SuppressWarnings("rawtypes")
    void aControlCharacterInAnyQueryParameterIs400NamingIt() {
        int[] checked = {0};
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getName().startsWith("com.polaris")) {
                return;
            }
            for (org.springframework.core.MethodParameter param : handler.getMethodParameters()) {
                org.springframework.web.bind.annotation.RequestParam rp = param.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
                if (rp == null) {
                    continue;
                }
                param.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                String name = !rp.name().isEmpty() ? rp.name() : !rp.value().isEmpty() ? rp.value() : param.getParameterName();
                for (String pattern : info.getPatternValues()) {
                    for (var method : info.getMethodsCondition().getMethods()) {
                        // and the bidirectional controls request bodies refuse (a fresh reviewer's q=%E2%80%AEab searched)
                        for (String control : new String[]{"%00", "a%01b", "%7F", "%E2%80%AEab", "a%E2%81%A6b"}) {
                            String path = pattern.replaceAll("\\{[^}]+}", "x1") + "?" + name + "=" + control;
                            ResponseEntity<Map> r = http.method(org.springframework.http.HttpMethod.valueOf(method.name()))
                                    .uri(java.net.URI.create("http://localhost:" + port + path)).retrieve().toEntity(Map.class);
                            assertThat(r.getStatusCode()).as(method + " " + path).isEqualTo(HttpStatus.BAD_REQUEST);
                            assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                            assertThat(r.getBody()).as(method + " " + path).containsEntry("type", "urn:kat:problem:invalid-query")
                                    .containsEntry("parameter", name);
                            checked[0]++;
                        }
                    }
                }
            }
        });
        assertThat(checked[0]).isGreaterThanOrEqualTo(30);
        ResponseEntity<Map> plain = http.get().uri("/api/ledger/totals?seriesId=series-9999").retrieve().toEntity(Map.class);
        assertThat(plain.getStatusCode()).as("an ordinary value still reaches the endpoint").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(plain.getBody()).containsEntry("type", "urn:kat:problem:series-not-found");
    }

    /**
     * Found by a fresh reviewer: {@code ?minposition=} (a misspelt {@code minPosition}) was ignored, so the read answered at once
     * without the client's write. Every endpoint refuses a parameter it does not read, naming it and those it reads; the public
     * certificate check takes any (links to it carry sites' tracking parameters).
     */
    @Test
    @SuppressWarnings("rawtypes")
    void aQueryParameterTheEndpointDoesNotReadIs400NamingItAndThoseItReads() {
        int[] checked = {0};
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getName().startsWith("com.polaris") || info.getPatternValues().stream().anyMatch(p -> p.startsWith("/verify"))) {
                return;
            }
            boolean readsMinPosition = java.util.Arrays.stream(handler.getMethodParameters()).anyMatch(p -> {
                p.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                return p.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class) && "minPosition".equals(p.getParameterName());
            });
            for (String pattern : info.getPatternValues()) {
                for (var method : info.getMethodsCondition().getMethods()) {
                    String path = pattern.replaceAll("\\{[^}]+}", "x1") + "?minposition=5";
                    ResponseEntity<Map> r = http.method(org.springframework.http.HttpMethod.valueOf(method.name()))
                            .uri(java.net.URI.create("http://localhost:" + port + path)).retrieve().toEntity(Map.class);
                    assertThat(r.getStatusCode()).as(method + " " + path).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(r.getBody()).as(method + " " + path).containsEntry("type", "urn:kat:problem:invalid-query")
                            .containsEntry("parameter", "minposition");
                    if (readsMinPosition) {
                        assertThat((String) r.getBody().get("detail")).as(method + " " + path).contains("it reads ").contains("minPosition");
                    }
                    checked[0]++;
                }
            }
        });
        assertThat(checked[0]).isGreaterThanOrEqualTo(20);
        ResponseEntity<Map> spelt = http.get().uri("/api/ledger/totals?seriesId=series-9999&minPosition=0").retrieve().toEntity(Map.class);
        assertThat(spelt.getStatusCode()).as("the parameters it reads still reach the endpoint").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(spelt.getBody()).containsEntry("type", "urn:kat:problem:series-not-found");
        ResponseEntity<String> shared = http.get().uri("/verify/KAT-0000-0000-0000?utm_source=qr&fbclid=x").accept(MediaType.TEXT_HTML)
                .retrieve().toEntity(String.class);
        assertThat(shared.getStatusCode()).as("the public check ignores a shared link's tracking parameters").isNotEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<String> twice = http.get().uri("/verify/KAT-0000-0000-0000?utm_source=a&utm_source=b").accept(MediaType.TEXT_HTML)
                .retrieve().toEntity(String.class);
        assertThat(twice.getStatusCode()).as("…also when a link carries one twice").isNotEqualTo(HttpStatus.BAD_REQUEST);
    }

    /** Found by a fresh reviewer: a .pdf asked for with an Accept that refuses PDF was read as a 40-character id (400 invalid-path). */
    @Test
    @SuppressWarnings("rawtypes")
    void aFileFormRefusedByTheAcceptHeaderIs406NotATooLongId() {
        String id = "11111111-2222-3333-4444-555555555555";
        for (String[] c : new String[][]{{"/api/transcripts/" + id + ".pdf", "image/png"}, {"/api/certificates/" + id + ".pdf", "application/json"},
                {"/api/transcripts/" + id + ".csv", "application/pdf"}}) {
            ResponseEntity<Map> r = http.get().uri(c[0]).header("Accept", c[1]).retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode()).as(c[0] + " Accept " + c[1] + ": " + r.getBody()).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
            assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:not-acceptable");
        }
    }

    /** Found by a fresh reviewer: a path nothing serves said "No static resource verify.". */
    @Test
    @SuppressWarnings("rawtypes")
    void aPathNothingServesIs404SayingSo() {
        ResponseEntity<Map> r = http.get().uri("/verify/").accept(MediaType.APPLICATION_JSON).retrieve().toEntity(Map.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:not-found");
        assertThat((String) r.getBody().get("detail")).startsWith("Nothing is served at /verify/ (GET), with its trailing slash")
                .doesNotContain("static resource");
        // a browser (no Accept, or HTML) gets it as the verification's page, the same words
        ResponseEntity<String> page = http.get().uri("/verify/").retrieve().toEntity(String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains("data-problem-type=\"urn:kat:problem:not-found\"").contains("This address checks no certificate: <span>Not found</span>")
                .contains("Nothing is served at /verify").doesNotContain("<code></code>");
    }

    /** Found by a fresh reviewer: a broken multipart body was a 500 on every path, the public certificate check included. */
    @Test
    void aMultipartBodyThatCannotBeReadIs400MalformedRequestOnAnyPath() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (String[] c : new String[][]{{"GET", "/api/catalog/series/20"}, {"GET", "/verify/KAT-0000-0000-0000"},
                {"POST", "/api/admin/projections/ledger/parked/retry"}}) {
            java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + c[1]))
                    .header("Content-Type", "multipart/form-data; boundary=xyz").header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("tester:tester-password-only-in-tests".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .method(c[0], java.net.http.HttpRequest.BodyPublishers.ofString("--xyz\r\nbroken")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(c[0] + " " + c[1] + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).contains("urn:kat:problem:malformed-request");
        }
    }

    @Test
    @SuppressWarnings("rawtypes")
    void aWildcardOrMalformedContentTypeOnThePostsIs415AndABodyThatIsNotJsonToo() {
        for (String type : new String[]{"*/*", "application/*", "foo"}) {
            ResponseEntity<Map> r = http.post().uri("/api/admin/projections/catalog/parked/retry").header("Content-Type", type)
                    .retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode()).as(type).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
            assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:unsupported-media-type");
        }
        ResponseEntity<Map> xml = http.post().uri("/api/admin/projections/catalog/parked/retry").contentType(MediaType.APPLICATION_XML)
                .body("<retry/>").retrieve().toEntity(Map.class);
        assertThat(xml.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(xml.getBody()).containsEntry("type", "urn:kat:problem:unsupported-media-type");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void aPathCharacterOrAQueryNumberOutOfRangeIsNamedForWhatItIs() throws Exception {
        ResponseEntity<Map> snowman = http.get().uri(java.net.URI.create("http://localhost:" + port + "/api/registrations/%E2%98%83"))
                .retrieve().toEntity(Map.class);
        assertThat(snowman.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(snowman.getBody()).containsEntry("type", "urn:kat:problem:invalid-path").containsEntry("parameter", "registrationId");
        assertThat((String) snowman.getBody().get("detail")).contains("character 1 is U+2603").doesNotContain("characters long");
        ResponseEntity<Map> tooLong = http.get().uri("/api/registrations/" + "a".repeat(37)).retrieve().toEntity(Map.class);
        assertThat((String) tooLong.getBody().get("detail")).contains("it has 37 characters, more than 36");

        Map<String, String> details = Map.of(
                "page=99999999999", "page must be a whole number from 0 to 2147483647; 99999999999 is above it",
                "page=-1", "page must be a whole number from 0 to 2147483647; -1 is below it",
                "page=abc", "'abc' is not a whole number",
                "size=101", "size must be a whole number from 1 to 100; 101 is above it",
                "size=99999999999999999999", "99999999999999999999 is above it",
                "minPosition=1.5", "minPosition must be a whole number from 0 to",
                "minPosition=-0", "-0 has a minus sign: give the digits alone",
                "page=-00", "-00 has a minus sign: give the digits alone",
                "size=-05", "-05 is below it");
        for (Map.Entry<String, String> d : details.entrySet()) {
            ResponseEntity<Map> r = http.get().uri("/api/catalog/series?" + d.getKey()).retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode()).as(d.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:invalid-query");
            assertThat((String) r.getBody().get("detail")).as(d.getKey()).contains(d.getValue());
            // the problem names the parameter, as the request-shape checks do (a fresh reviewer found it missing on ranges)
            assertThat(r.getBody()).as(d.getKey()).containsEntry("parameter", d.getKey().substring(0, d.getKey().indexOf('=')));
        }
        // a value given empty, signed or padded is no number and no absent parameter (minPosition= had read without the write)
        Map<String, String> exact = Map.of(
                "/api/catalog/series?minPosition=", "minPosition is empty",
                "/api/catalog/series?page=", "page is empty",
                "/api/catalog/series?size=", "size is empty",
                "/api/catalog/series?minPosition=%2B3", "'+3' is not a whole number in digits",
                "/api/catalog/series?minPosition=%203", "' 3' is not a whole number in digits",
                "/api/catalog/series?minPosition=+3", "' 3' is not a whole number in digits",
                "/api/ledger/entries?from=", "from is empty",
                "/api/ledger/totals?seriesId=", "seriesId is empty",
                "/api/ledger/entries?type=", "type is empty",
                "/api/ce-roster.csv?seriesId=series-1&to=", "to is empty");
        for (Map.Entry<String, String> d : exact.entrySet()) {
            ResponseEntity<Map> r = http.get().uri(java.net.URI.create("http://localhost:" + port + d.getKey())).retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode()).as(d.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody()).as(d.getKey()).containsEntry("type", "urn:kat:problem:invalid-query")
                    .containsEntry("parameter", d.getKey().substring(d.getKey().lastIndexOf('&') > 0 ? d.getKey().lastIndexOf('&') + 1
                            : d.getKey().indexOf('?') + 1, d.getKey().lastIndexOf('=')));
            assertThat((String) r.getBody().get("detail")).as(d.getKey()).contains(d.getValue());
        }
        // a range the wrong way round is named at its later bound with both values, a missing or unreadable bound at
        // itself (the ledger's and the CE roster's had named no parameter): {query, detail, parameter}
        List<List<String>> ranges = List.of(
                List.of("/api/ledger/entries?from=2026-12-10&to=2026-12-01", "to (2026-12-01) must be after from (2026-12-10): to is excluded.", "to"),
                List.of("/api/ledger/totals?from=2026-12-10T00:00:00Z&to=2026-12-10", "to (2026-12-10) must be after from (2026-12-10T00:00:00Z)", "to"),
                List.of("/api/ledger/entries?from=9999-06-01", "to (9999-01-01T00:00:00Z) must be after from (9999-06-01)", "to"),
                List.of("/api/ce-roster.csv?from=2025-03-10&to=2025-03-01", "to (2025-03-01) must be after from (2025-03-10): to is excluded.", "to"),
                List.of("/api/ce-roster.csv?from=2025-03-10", "A period needs both from and to (ISO dates, to excluded); to is missing.", "to"),
                List.of("/api/ce-roster.csv?to=2025-03-10", "from is missing.", "from"),
                List.of("/api/ce-roster.csv?from=March&to=2025-03-10", "from must be an ISO date (YYYY-MM-DD), not 'March'.", "from"),
                List.of("/api/ce-roster.csv?from=2025-03-01&to=April", "to must be an ISO date (YYYY-MM-DD), not 'April'.", "to"),
                // a bound given unreadable is named before the missing one; an empty bound has no default to fall back on
                List.of("/api/ce-roster.csv?to=bad", "to must be an ISO date (YYYY-MM-DD), not 'bad'.", "to"),
                List.of("/api/ce-roster.csv?from=&to=2024-01-01", "from is empty: give a value.", "from"));
        for (List<String> d : ranges) {
            ResponseEntity<Map> r = http.get().uri(java.net.URI.create("http://localhost:" + port + d.get(0))).retrieve().toEntity(Map.class);
            assertThat(r.getStatusCode()).as(d.get(0)).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody()).as(d.get(0)).containsEntry("type", "urn:kat:problem:invalid-query").containsEntry("parameter", d.get(2));
            assertThat((String) r.getBody().get("detail")).as(d.get(0)).contains(d.get(1));
        }
        assertThat(http.get().uri(java.net.URI.create("http://localhost:" + port + "/api/catalog/series?minPosition=0")).retrieve()
                .toEntity(Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> badType = http.get().uri("/api/ledger/entries?type=NOPE").retrieve().toEntity(Map.class);
        assertThat(badType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badType.getBody()).containsEntry("parameter", "type");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void aNotFoundForWhatCommandsWriteSaysHowToReadAFreshWriteUnlessMinPositionWasGiven() {
        String hint = "read with minPosition set to that command's KAT-Event-Position";
        append("series-404001", com.polaris.kat.projection.certificates.CeHistory.series(404001,
                List.of(com.polaris.kat.projection.certificates.CeHistory.day("M1", "2023-12-11"))), "registrar"); // a head to read at
        for (String path : List.of("/api/transcripts/c-nobody-404", "/api/registrations/r-nobody-404", "/api/certificates/r-nobody-404",
                "/api/availability/series/series-404404", "/api/catalog/series/404404")) {
            ResponseEntity<Map> bare = http.get().uri(path).retrieve().toEntity(Map.class);
            assertThat(bare.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(bare.getBody()).as(path).containsEntry("type", "urn:kat:problem:not-found");
            assertThat((String) bare.getBody().get("detail")).as(path).contains(hint);
            ResponseEntity<Map> fresh = http.get().uri(path + "?minPosition=" + head()).retrieve().toEntity(Map.class);
            assertThat(fresh.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat((String) fresh.getBody().get("detail")).as(path + " with minPosition").doesNotContain("minPosition");
        }
        // a certificate of a registration nobody made: no registration, not "no certificate is due" (which says it exists)
        for (String path : List.of("/api/certificates/r-nobody-404", "/api/certificates/r-nobody-404.pdf")) {
            ResponseEntity<Map> none = http.get().uri(path).header("Accept", "application/json, application/problem+json, application/pdf")
                    .retrieve().toEntity(Map.class);
            assertThat(none.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat((String) none.getBody().get("detail")).as(path).startsWith("There is no registration r-nobody-404.");
        }
        ResponseEntity<Map> projection = http.get().uri("/api/admin/projections/nope").retrieve().toEntity(Map.class);
        assertThat(projection.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((String) projection.getBody().get("detail")).doesNotContain("minPosition");
    }

    @Test
    void aHeaderValueOutsidePrintableAsciiIsAProblemNamingTheHeader() throws Exception {
        for (String header : java.util.List.of("X-Foo", "User-Agent")) {
            var a = com.polaris.kat.testsupport.RawHttp.send(port, "POST", "/api/admin/projections/catalog/parked/retry", "tester", "tester-password-only-in-tests",
                    java.util.List.of(header + ": ключ"), null);
            assertThat(a.status()).as(header + ": " + a.body()).isEqualTo(400);
            assertThat(a.head()).containsIgnoringCase("Content-Type: application/problem+json");
            com.fasterxml.jackson.databind.JsonNode p = new com.fasterxml.jackson.databind.ObjectMapper().readTree(a.body());
            assertThat(p.path("type").asText()).isEqualTo("urn:kat:problem:invalid-header");
            assertThat(p.path("header").asText()).as("header names are case-insensitive").isEqualToIgnoringCase(header);
            assertThat(p.path("instance").asText()).isEqualTo("/api/admin/projections/catalog/parked/retry");
            assertThat(p.path("detail").asText()).contains("U+043A");
        }
    }
}
