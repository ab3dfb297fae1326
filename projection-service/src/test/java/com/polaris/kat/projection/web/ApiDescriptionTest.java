package com.polaris.kat.projection.web;

import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDescriptionTest extends ProjectionServiceTestBase {

    @Test
    void theOpenApiDescriptionListsTheQueriesAndBothWaysToAuthenticate() {
        var r = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        com.polaris.kat.testsupport.ApiContractCheck.write("projection-service", r.getBody());
        assertThat(r.getBody()).contains("/api/ledger/totals").contains("/api/transcripts/{clinicianId}")
                .contains("\"bearer\"").contains("\"basic\"").contains("urn:kat:problem");
    }

    /**
     * Every operation has a summary, a typed success schema with an example (a page's items have theirs),
     * Location on its 201, and its problems as application/problem+json (ApiContractCheck).
     */
    @Test
    void everyOperationKeepsTheContract() throws Exception {
        var r = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);
        assertThat(com.polaris.kat.testsupport.ApiContractCheck.breaches(r.getBody())).isEmpty();
        assertThat(r.getBody()).contains("\"summary\"");
    }

    /**
     * A property that refers to another schema and may be null (a roster entry's and a module's {@code inFull}) says so as
     * {@code anyOf} with null: OpenAPI 3.1 ignores {@code nullable} beside a {@code $ref}, so a generated client would have
     * refused the null the service sends for a day without attendance.
     */
    @Test
    void aNullableReferenceIsDescribedAsOneOrNull() throws Exception {
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.get().uri("/v3/api-docs").retrieve().body(String.class));
        for (String owner : java.util.List.of("RosterEntry", "ModuleAttendance")) {
            var inFull = doc.path("components").path("schemas").path(owner).path("properties").path("inFull");
            assertThat(inFull.path("anyOf").get(0).path("$ref").asText()).as(owner).endsWith("/InFullJudgement");
            assertThat(inFull.path("anyOf").get(1).path("type").toString()).as(owner).isIn("\"null\"", "[\"null\"]");
            assertThat(inFull.path("description").asText()).as(owner).contains("null when no attendance is recorded");
        }
        // the same kind, declared as types {"object", "null"}: a place before its offer, a transcript before any registration
        for (String[] owner : new String[][]{{"PlaceView", "offer", "/OfferView"}, {"Transcript", "participant", "/Participant"}}) {
            var property = doc.path("components").path("schemas").path(owner[0]).path("properties").path(owner[1]);
            assertThat(property.path("anyOf").get(0).path("$ref").asText()).as(owner[0]).endsWith(owner[2]);
            assertThat(property.path("anyOf").get(1).path("type").toString()).as(owner[0]).isIn("\"null\"", "[\"null\"]");
        }
    }

    /** minPosition, page and size are documented as the whole numbers they are (a fresh reviewer found them typed as strings). */
    @Test
    void theQueryNumbersAreIntegersWithTheirRanges() throws Exception {
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.get().uri("/v3/api-docs").retrieve().body(String.class));
        int seen = 0;
        for (var path : doc.path("paths")) {
            for (var op : path) {
                for (var p : op.path("parameters")) {
                    String name = p.path("name").asText();
                    if (p.path("in").asText().equals("query") && java.util.Set.of("minPosition", "page", "size").contains(name)) {
                        seen++;
                        assertThat(p.path("schema").path("type").asText()).as(name).isEqualTo("integer");
                        // and described (a fresh reviewer found them undescribed on most queries)
                        assertThat(p.path("description").asText()).as(name).isNotBlank();
                        assertThat(p.path("schema").path("minimum").asLong()).as(name).isEqualTo(name.equals("size") ? 1 : 0);
                        if (name.equals("size")) {
                            assertThat(p.path("schema").path("maximum").asInt()).isEqualTo(PageParams.MAX_SIZE);
                        }
                    }
                }
            }
        }
        assertThat(seen).as("query numbers found").isGreaterThan(10);
        // the totals' series filter says the credit outstanding is every series' (a fresh reviewer read it as the series')
        assertThat(doc.path("paths").path("/api/ledger/totals").path("get").path("parameters").findParents("name").stream()
                .filter(p -> p.path("name").asText().equals("seriesId")).findFirst().orElseThrow().path("description").asText())
                .contains("creditOutstandingAtEnd stays the balance of all credit");
        // what a fresh reviewer got undocumented (2026-12-01): 429 (with Retry-After) on the public verification, 503 on the
        // PDFs while a view is rebuilt, 400 invalid-query on an operation without query parameters
        var verify = doc.path("paths").path("/verify/{verificationCode}").path("get").path("responses");
        assertThat(verify.path("429").path("description").asText()).contains("urn:kat:problem:too-many-requests");
        assertThat(verify.path("429").path("headers").path("Retry-After").isMissingNode()).isFalse();
        assertThat(doc.path("paths").path("/api/certificates/{registrationId}.pdf").path("get").path("responses").path("503")
                .path("description").asText()).contains("urn:kat:problem:projection-rebuilding");
        assertThat(doc.path("paths").path("/api/admin/projections/{name}").path("get").path("responses").path("400")
                .path("description").asText()).contains("urn:kat:problem:invalid-query");
        // a fresh reviewer's second round (2026-12-01): the verification answers 404 with its own fields or page, not a problem,
        // and cannot answer 403; every GET can answer 406, every command 415, every operation invalid-header and bad-request,
        // every one with a path parameter invalid-path
        var verify404 = verify.path("404").path("content");
        assertThat(verify404.path("application/json").path("schema").path("$ref").asText()).endsWith("/VerificationAnswer");
        assertThat(verify404.has("text/html")).isTrue();
        assertThat(verify404.has("application/problem+json")).isFalse();
        assertThat(verify.path("200").path("content").has("text/html")).isTrue();
        assertThat(verify.has("403")).isFalse();
        assertThat(verify.has("406")).as("any other Accept gets the page").isFalse();
        assertThat(verify.path("400").path("description").asText()).doesNotContain("invalid-path");
        assertThat(verify.path("401").path("description").asText()).contains("urn:kat:problem:unauthenticated");
        var clinicians = doc.path("paths").path("/api/clinicians").path("get").path("responses");
        assertThat(clinicians.path("406").path("description").asText()).contains("urn:kat:problem:not-acceptable");
        assertThat(clinicians.path("400").path("description").asText()).contains("urn:kat:problem:invalid-header")
                .contains("urn:kat:problem:bad-request").doesNotContain("invalid-path");
        // a request line or header section larger than the server reads: 414 or 431 (RFC 9110, RFC 6585), on every operation
        assertThat(clinicians.path("414").path("description").asText()).contains("urn:kat:problem:uri-too-long");
        assertThat(verify.path("431").path("description").asText()).contains("urn:kat:problem:header-fields-too-large");
        // any body above the limit is refused, a GET's too (a reviewer's finding: 413 was listed on 2 of 34 operations)
        assertThat(clinicians.path("413").path("description").asText()).contains("urn:kat:problem:body-too-large");
        var rebuild = doc.path("paths").path("/api/admin/projections/{name}/rebuild").path("post").path("responses");
        assertThat(rebuild.path("415").path("description").asText()).contains("urn:kat:problem:unsupported-media-type");
        assertThat(rebuild.path("400").path("description").asText()).contains("urn:kat:problem:invalid-path");
        var catalog = doc.path("paths").path("/api/catalog/series").path("get").path("parameters").findValuesAsText("name");
        assertThat(catalog).contains("minPosition");
        for (var p : doc.path("paths").path("/api/ledger/entries").path("get").path("parameters")) {
            if (p.path("name").asText().equals("type")) {
                java.util.List<String> types = new java.util.ArrayList<>();
                p.path("schema").path("enum").forEach(t -> types.add(t.asText()));
                assertThat(types).containsExactlyInAnyOrder("PAYMENT_RECEIVED", "REFUND_DECIDED", "PAYOUT_SETTLED", "PAYOUT_FAILED",
                        "PAYOUT_REVERSED", "CREDIT_ISSUED", "CREDIT_APPLIED");
            }
        }
    }
}
