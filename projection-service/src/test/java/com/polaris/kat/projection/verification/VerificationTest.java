package com.polaris.kat.projection.verification;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.projection.certificates.CeHistory;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.polaris.kat.projection.certificates.CeHistory.day;
import static com.polaris.kat.projection.certificates.CeHistory.earned;
import static com.polaris.kat.projection.certificates.CeHistory.revoked;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /verify/{code} without signing in: valid, then withdrawn after a correction (the reissued
 * certificate's code not revealed), the same shape for unknown and malformed codes, and the per-address limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerificationTest extends ProjectionServiceTestBase {

    static final List<SeriesClassDay> DAYS = List.of(day("M1", "2024-03-04"), day("M2", "2024-03-11"), day("M3", "2024-03-18"));
    static final Clinician KIM = new Clinician("Kim O'Hara", "kim.ohara@example.org", "Psychiatrist", "MD-55120", "WA");
    static final List<String> FIELDS = List.of("code", "status", "program", "provider", "series", "firstDate", "lastDate", "totalHours",
            "participant", "issuedOn", "withdrawnOn", "message");

    String firstCode;

    /** Anonymous, from its own client address (the test's proxy, 127.0.0.1, is trusted in application-test.yml). */
    RestClient anonymous(String address) {
        return RestClient.builder().baseUrl("http://localhost:" + port).defaultHeader("X-Forwarded-For", address)
                .defaultStatusHandler(s -> true, (q, r) -> { }).build();
    }

    @SuppressWarnings("unchecked")
    ResponseEntity<Map<String, Object>> verifyJson(String code, String address) {
        return (ResponseEntity<Map<String, Object>>) (ResponseEntity<?>) anonymous(address).get().uri("/verify/{code}", code)
                .accept(MediaType.APPLICATION_JSON).retrieve().toEntity(Map.class);
    }

    @BeforeAll
    void history() {
        append("series-42", CeHistory.series(42, DAYS), "registrar");
        append("r42a", CeHistory.placed("series-42", "r42a", "kim", KIM, true), "front-end");
        for (SeriesClassDay d : DAYS) {
            append("r42a", earned("series-42", "r42a", "kim", d), "attendance-staff");
        }
        firstCode = CeHistory.certificateCode(port, "r42a", head());
    }

    @Test
    @Order(1)
    void aValidCertificateShowsProgramSeriesDatesHoursAndTheNameAsPrintedAndNothingElseAboutThePerson() {
        ResponseEntity<Map<String, Object>> r = verifyJson(firstCode.toLowerCase(), "198.51.100.1");
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody()).containsOnlyKeys(FIELDS).containsEntry("code", firstCode).containsEntry("status", "VALID")
                .containsEntry("program", "Ketamine Assisted Therapy Training for Clinicians").containsEntry("series", "Series 42")
                .containsEntry("firstDate", "2024-03-04").containsEntry("lastDate", "2024-03-18").containsEntry("participant", "Kim O'Hara")
                .containsEntry("withdrawnOn", null);
        assertThat(Double.parseDouble(String.valueOf(r.getBody().get("totalHours")))).isEqualTo(24.0);
        assertThat(r.getBody().toString()).doesNotContain("MD-55120", "kim.ohara", "Psychiatrist", "r42a", "WA");

        ResponseEntity<String> page = anonymous("198.51.100.1").get().uri("/verify/" + firstCode).accept(MediaType.TEXT_HTML).retrieve()
                .toEntity(String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains("Valid certificate", "Kim O&#39;Hara", "Series 42", "2024-03-04 to 2024-03-18", firstCode)
                .doesNotContain("MD-55120");
    }

    @Test
    @Order(2)
    void aCorrectionWithdrawsTheCertificateAndTheReissuedOneHasANewCodeThatTheOldOneDoesNotReveal() {
        SeriesClassDay m2 = DAYS.get(1);
        append("r42a", revoked("series-42", "r42a", "kim", m2, "platform log shows she left at 13:00"), "attendance-staff");
        long afterRevoke = head();
        assertThat(http.get().uri("/api/certificates/r42a?minPosition=" + afterRevoke).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map<String, Object>> withdrawn = verifyJson(firstCode, "198.51.100.2");
        assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(withdrawn.getBody()).containsOnlyKeys(FIELDS).containsEntry("status", "WITHDRAWN").containsEntry("participant", "Kim O'Hara");
        assertThat(withdrawn.getBody().get("withdrawnOn")).isNotNull();
        assertThat(withdrawn.getBody().toString()).doesNotContain("13:00").contains("a later correction of the CE record withdrew CE hours it listed");

        // a further correction restores the module (e.g. the full log turned up): a new certificate, a new code
        append("r42a", earned("series-42", "r42a", "kim", m2), "attendance-staff");
        String secondCode = CeHistory.certificateCode(port, "r42a", head());
        assertThat(secondCode).isNotEqualTo(firstCode).matches("KAT-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}");
        assertThat(verifyJson(secondCode, "198.51.100.2").getBody()).containsEntry("status", "VALID");
        ResponseEntity<Map<String, Object>> old = verifyJson(firstCode, "198.51.100.2");
        assertThat(old.getBody()).containsEntry("status", "WITHDRAWN");
        // withdrawn with its hours, then a new one when they were earned again: the page says both (a fresh reviewer's read
        // "replaced … changed what it listed" although the new one lists the same)
        assertThat(old.getBody().toString()).doesNotContain(secondCode).contains("a later correction of the CE record withdrew CE hours it listed")
                .contains("A new certificate was issued when the hours were earned again.");
        String oldPage = anonymous("198.51.100.2").get().uri("/verify/" + firstCode).accept(MediaType.TEXT_HTML).retrieve().body(String.class);
        assertThat(oldPage).contains("Withdrawn certificate").doesNotContain(secondCode);
        assertThat(jdbc.queryForList("SELECT version || ' ' || status FROM projection.certificate WHERE registration_id = 'r42a' ORDER BY version",
                String.class)).containsExactly("1 WITHDRAWN", "2 VALID");
    }

    @Test
    @Order(3)
    void unknownAndMalformedCodesGetTheSameAnswerShape() {
        for (String code : List.of("KAT-0000-0000-0000", "not-a-code", "<script>alert(1)")) {
            ResponseEntity<Map<String, Object>> r = verifyJson(code, "198.51.100.3");
            assertThat(r.getStatusCode()).as(code).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(r.getBody()).as(code).containsOnlyKeys(FIELDS).containsEntry("status", "UNKNOWN").containsEntry("participant", null)
                    .containsEntry("series", null);
            String page = anonymous("198.51.100.3").get().uri("/verify/{code}", code).accept(MediaType.TEXT_HTML).retrieve().body(String.class);
            assertThat(page).contains("No certificate with this code").doesNotContain("<script>");
        }
    }

    /**
     * The page or the JSON by the Accept header's order of quality, the page for any other Accept (a QR scanner's), and 406 for
     * an Accept that refuses HTML with quality 0 (a fresh reviewer's "application/json;q=0.5, text/html" got JSON, and
     * "text/html;q=0" the page).
     */
    @Test
    @Order(3)
    void thePageOrTheJsonByTheAcceptHeadersQualities() {
        String[][] cases = {{"application/json;q=0.5, text/html", "text/html"}, {"text/html;q=0.5, application/json", "application/json"},
                {"*/*", "text/html"}, {"image/png", "text/html"}, {"application/json", "application/json"},
                // the most specific range decides each type's quality (the second reviewer's)
                {"*/*;q=0.5, text/html;q=0.1", "application/json"}, {"text/html;q=0, */*", "application/json"},
                {"text/html;q=0.3, application/json;q=0.4, */*;q=0.5", "application/json"}};
        for (String[] c : cases) {
            ResponseEntity<String> r = anonymous("198.51.100.9").get().uri("/verify/{code}", firstCode).header("Accept", c[0]).retrieve()
                    .toEntity(String.class);
            assertThat(r.getStatusCode()).as(c[0]).isEqualTo(HttpStatus.OK);
            assertThat(r.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType(c[1]))).as(c[0] + " → " + r.getHeaders().getContentType())
                    .isTrue();
            if (c[1].equals("application/json")) {
                assertThat(r.getBody()).as(c[0]).contains("\"code\":\"" + firstCode + "\"").contains("\"totalHours\":24.00");
                assertThat(r.getHeaders().getCacheControl()).as(c[0]).isEqualTo("no-store");
            }
        }
        for (String refusing : new String[]{"text/html;q=0", "*/*;q=0"}) {
            ResponseEntity<String> r = anonymous("198.51.100.9").get().uri("/verify/{code}", firstCode).header("Accept", refusing).retrieve()
                    .toEntity(String.class);
            assertThat(r.getStatusCode()).as(refusing).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
            assertThat(r.getBody()).as(refusing).contains("urn:kat:problem:not-acceptable");
        }
    }

    @Test
    @Order(4)
    void twoHundredWrongCodesInARowFromOneAddressGetTooManyRequestsWhileAnotherAddressIsServed() {
        List<Integer> statuses = new ArrayList<>();
        ResponseEntity<Map<String, Object>> rejected = null;
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            ResponseEntity<Map<String, Object>> r = verifyJson(String.format("KAT-%04X-0000-0000", i), "203.0.113.77");
            statuses.add(r.getStatusCode().value());
            if (r.getStatusCode().value() == 429) {
                rejected = r;
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        // 20 at once, then one more every 3 s (20 per minute, refilled gradually) while the 200 were sent
        assertThat(statuses.subList(0, 20)).containsOnly(404);
        long answered = statuses.stream().filter(s -> s == 404).count();
        assertThat(answered).isBetween(20L, 20L + seconds / 3 + 1);
        assertThat(statuses.subList(20, 200)).isSubsetOf(404, 429);
        assertThat(statuses.get(20)).isEqualTo(429);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(200 - answered);
        assertThat(rejected.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(rejected.getBody()).containsEntry("type", "urn:kat:problem:too-many-requests").containsEntry("status", 429);
        assertThat(Long.parseLong(rejected.getHeaders().getFirst("Retry-After"))).isBetween(1L, 3L);
        // another address is served
        assertThat(verifyJson("KAT-0000-0000-0001", "203.0.113.78").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /**
     * A browser over the limit gets the refusal as a page with the same
     * status and Retry-After, not problem JSON; a client asking for JSON still gets the problem (a fresh reviewer's QR scan
     * showed raw JSON).
     */
    @Test
    @Order(5)
    void aBrowserOverTheLimitGetsAPageSayingWhenToTryAgain() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
        // an address of its own, its bucket emptied by page requests (20 at once): the first refusal is the one looked at
        ResponseEntity<String> page = null;
        for (int i = 0; i < 40 && (page == null || page.getStatusCode().value() != 429); i++) {
            page = anonymous("203.0.113.80").get().uri("/verify/{code}", firstCode).header("Accept", browser).retrieve().toEntity(String.class);
            assertThat(page.getStatusCode().value()).as("served, then refused").isIn(200, 429);
        }
        assertThat(page.getStatusCode().value()).isEqualTo(429);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        long retryAfter = Long.parseLong(page.getHeaders().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3L);
        assertThat(page.getBody()).contains("data-problem-type=\"urn:kat:problem:too-many-requests\"")
                .contains("The certificate could not be checked just now: <span>Too many requests</span>")
                .contains("Too many verification requests from your address; retry in " + retryAfter + " s.")
                .contains("Try again in <span>" + retryAfter + "</span>")
                .contains("<code>" + firstCode + "</code>")
                .doesNotContain("\"status\":429").doesNotContain("Kim");
        ResponseEntity<Map<String, Object>> problem = verifyJson(firstCode, "203.0.113.80");
        assertThat(problem.getStatusCode().value()).isEqualTo(429);
        assertThat(problem.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(problem.getBody()).containsEntry("type", "urn:kat:problem:too-many-requests");
    }
}
