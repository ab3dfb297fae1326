package com.polaris.kat.projection.ledger;

import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import com.polaris.kat.projection.support.TestEvents;
import com.polaris.kat.testsupport.TestDatabases;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finance reconciles payments against the processor's charges: each payment entry says how many payments in the whole ledger
 * name its charge reference and their sum, and {@code ?reference=} lists them (a fresh reviewer's: nothing flagged a
 * reference named twice). On a database of its own, so these are the only payments there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChargeReferencesTest extends ProjectionServiceTestBase {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "charge_references");
    }

    private static RegistrationPlaced placed(String series, String registration, String clinician, long paidCents, String reference, String at) {
        Clinician person = new Clinician("Person " + clinician, clinician + "@example.org", "Psychologist", "LIC-" + clinician, "CA");
        Money paid = Money.ofCents(paidCents);
        return new RegistrationPlaced(series, registration, clinician, TestEvents.seal(clinician, registration, person), false, Money.dollars(2100),
                Money.ZERO, Money.dollars(2100), new Payment(paid, reference, Money.ZERO), Money.dollars(2100).minus(paid), "v1",
                Instant.parse(at), 1, 10, "fp-" + registration, null);
    }

    @BeforeAll
    void history() {
        // one charge named by two registrations in two series and two months (one checkout, or a reference sent twice), the
        // second time typed in other case and punctuation
        append("r1", placed("series-40", "r1", "ann", 210000, "ch_shared", "2023-08-15T17:00:00Z"), "front-end");
        append("r2", placed("series-41", "r2", "bob", 210000, "CH-Shared", "2023-09-15T17:00:00Z"), "front-end");
        append("r3", placed("series-40", "r3", "cy", 210000, "ch_own", "2023-08-16T17:00:00Z"), "front-end");
        // paid with credit only: no charge, no reference, no payment entry
        append("r4", placed("series-40", "r4", "dee", 0, null, "2023-08-17T17:00:00Z"), "front-end");
        append("eve", new CreditIssued("eve", "c1", Money.dollars(100), "series-40", "x1", Money.dollars(100), Instant.parse("2023-08-18T17:00:00Z")),
                "system:credit-issuer");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String query) {
        return (List<Map<String, Object>>) get("/api/ledger/entries?" + query).get("items");
    }

    @Test
    void eachPaymentSaysHowManyPaymentsNameItsChargeAndTheirSumWhateverTheFilter() {
        List<Map<String, Object>> payments = items("type=PAYMENT_RECEIVED&minPosition=" + head());
        assertThat(payments).extracting(e -> e.get("registrationId") + " " + e.get("reference") + " " + e.get("paymentsUnderReference") + " "
                        + e.get("paidUnderReference"))
                .containsExactly("r1 ch_shared 2 4200.00", "r3 ch_own 1 2100.00", "r2 CH-Shared 2 4200.00");
        // a period that holds one of the two still counts both: the charge is the processor's, not the period's
        assertThat(items("from=2023-09-01&type=PAYMENT_RECEIVED")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("paymentsUnderReference", 2).containsEntry("paidUnderReference", "4200.00"));
        // other entries say nothing of charges
        assertThat(items("type=CREDIT_ISSUED")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("paymentsUnderReference", null).containsEntry("paidUnderReference", null));
    }

    @Test
    void theLedgerListsTheEntriesThatNameAReference() {
        Map<String, Object> shared = get("/api/ledger/entries?reference=ch_shared&minPosition=" + head());
        assertThat(shared).containsEntry("totalItems", 2);
        assertThat(items("reference=ch_shared")).extracting(e -> e.get("registrationId")).containsExactly("r1", "r2");
        assertThat(items("reference=ch_shared&from=2023-09-01")).extracting(e -> e.get("registrationId")).containsExactly("r2");
        // compared as payouts compare references: case, spaces and punctuation aside (a fresh reviewer's clerk retyped one)
        assertThat(items("reference=CH_SHARED")).extracting(e -> e.get("registrationId")).containsExactly("r1", "r2");
        assertThat(items("reference=ch-Shared")).extracting(e -> e.get("registrationId")).containsExactly("r1", "r2");
        assertThat(items("reference=\uFF43h_shared")).as("a full-width c").extracting(e -> e.get("registrationId")).containsExactly("r1", "r2");
        assertThat(items("reference=ch_share")).isEmpty();
        // a reference with no letter or digit could match nothing: said so (a fresh reviewer's "___" answered an empty list)
        ResponseEntity<Map> none = http.get().uri("/api/ledger/entries?reference=___").retrieve().toEntity(Map.class);
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(none.getBody()).containsEntry("parameter", "reference");
        assertThat(items("reference=ch_none")).isEmpty();
    }

    @Test
    void theLedgerListsTheEntriesOfARegistration() {
        assertThat(items("registrationId=r2&minPosition=" + head())).extracting(e -> e.get("type") + " " + e.get("reference"))
                .containsExactly("PAYMENT_RECEIVED CH-Shared");
        assertThat(items("registrationId=R2")).as("ids are lower case").hasSize(1);
        // the credit a registration's cancellation issued is among its entries
        assertThat(items("registrationId=x1")).extracting(e -> e.get("type")).containsExactly("CREDIT_ISSUED");
        assertThat(items("registrationId=r9")).isEmpty();
        for (String query : new String[]{"registrationId=", "registrationId=" + "a".repeat(37)}) {
            ResponseEntity<Map> bad = http.get().uri("/api/ledger/entries?" + query).retrieve().toEntity(Map.class);
            assertThat(bad.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(bad.getBody()).as(query).containsEntry("parameter", "registrationId");
        }
    }

    /** A clinician's entries across their registrations: what finance reads of one person (a fresh reviewer's ?clinicianId= was 400). */
    @Test
    void theLedgerListsTheEntriesOfAClinician() throws Exception {
        assertThat(items("clinicianId=bob&minPosition=" + head())).extracting(e -> e.get("type") + " " + e.get("registrationId"))
                .containsExactly("PAYMENT_RECEIVED r2");
        assertThat(items("clinicianId=EVE")).as("ids are lower case").extracting(e -> e.get("type") + " " + e.get("registrationId"))
                .containsExactly("CREDIT_ISSUED x1");
        assertThat(items("clinicianId=bob&type=CREDIT_ISSUED")).isEmpty();
        String csv = http.get().uri("/api/ledger/entries.csv?clinicianId=ann").retrieve().body(String.class);
        assertThat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords())
                .extracting(r -> r.get("registration_id")).containsExactly("r1");
        for (String query : new String[]{"clinicianId=", "clinicianId=" + "a".repeat(37)}) {
            ResponseEntity<Map> bad = http.get().uri("/api/ledger/entries?" + query).retrieve().toEntity(Map.class);
            assertThat(bad.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(bad.getBody()).as(query).containsEntry("parameter", "clinicianId");
        }
    }

    @Test
    void theCsvCarriesTheSameColumns() throws Exception {
        String csv = http.get().uri("/api/ledger/entries.csv?type=PAYMENT_RECEIVED&minPosition=" + head()).retrieve().body(String.class);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
        assertThat(rows).extracting(r -> r.get("registration_id") + " " + r.get("payments_under_reference") + " " + r.get("paid_under_reference"))
                .containsExactly("r1 2 4200.00", "r3 1 2100.00", "r2 2 4200.00");
        String filtered = http.get().uri("/api/ledger/entries.csv?reference=ch_own").retrieve().body(String.class);
        assertThat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(filtered)).getRecords())
                .extracting(r -> r.get("registration_id")).containsExactly("r3");
    }

    /** A GET sent byte for byte as given (java.net.URI refuses a broken percent-encoding before sending it), as finance. */
    private String rawGet(String pathAndQuery) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            String auth = java.util.Base64.getEncoder().encodeToString("tester:tester-password-only-in-tests".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + auth
                    + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBlankOrOverlongReferenceIsAProblemNotAList() throws Exception {
        for (String query : new String[]{"reference=", "reference= ", "reference=" + "x".repeat(101)}) {
            for (String path : new String[]{"/api/ledger/entries", "/api/ledger/entries.csv"}) {
                ResponseEntity<Map> bad = http.get().uri(path + "?" + query)
                        .accept(org.springframework.http.MediaType.APPLICATION_JSON, org.springframework.http.MediaType.parseMediaType("text/csv"))
                        .retrieve().toEntity(Map.class);
                assertThat(bad.getStatusCode()).as(path + "?" + query).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(bad.getBody()).as(path + "?" + query).containsEntry("type", "urn:kat:problem:invalid-query")
                        .containsEntry("parameter", "reference");
            }
        }
        // a broken percent-encoding, sent as typed: the container would drop the parameter and the whole ledger came back
        for (String raw : new String[]{"reference=%ZZ", "reference=%", "reference=ch_PAIR%", "reference=%FF", "seriesId=%2", "from=%ZZ"}) {
            String answer = rawGet("/api/ledger/entries?" + raw);
            assertThat(answer).as(raw).startsWith("HTTP/1.1 400 ");
            Map<String, Object> problem = new com.fasterxml.jackson.databind.ObjectMapper().readValue(answer.substring(answer.indexOf("\r\n\r\n") + 4),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            assertThat(problem).as(raw).containsEntry("type", "urn:kat:problem:invalid-query")
                    .containsEntry("parameter", raw.substring(0, raw.indexOf('=')));
            assertThat((String) problem.get("detail")).as(raw).contains("percent-encoded");
        }
        assertThat(items("reference=ch_shared%2Bx")).as("a well-encoded + is a plus, and finds nothing here").isEmpty();
        // a broken encoding in the path, after a ; too: 400 invalid-path, not a 500 (a fresh reviewer's, in every service)
        for (String path : new String[]{"/api/ledger/entries;x=%ZZ", "/actuator/health;x=%ZZ", "/verify/abc;x=%C3%28"}) {
            String answer = rawGet(path);
            assertThat(answer).as(path).startsWith("HTTP/1.1 400 ").contains("urn:kat:problem:invalid-path").contains("percent-encoded");
        }
        // the same with a body too large for any endpoint: the broken path is what is said, whatever the body (a fresh reviewer's
        // got 413 once the path check and the body's size check shared a place among the filters)
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            String auth = java.util.Base64.getEncoder().encodeToString("tester:tester-password-only-in-tests".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String body = "{\"x\":\"" + "a".repeat(70_000) + "\"}";
            socket.getOutputStream().write(("POST /api/ledger/entries;y=%ZZ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + auth
                    + "\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("HTTP/1.1 400 ")
                    .contains("urn:kat:problem:invalid-path");
        }
        // refused by the web server itself, in the same words (they had been the generic "could not be read at the HTTP level")
        for (String path : new String[]{"/api/ledger/%FF", "/api/ledger/entries%ZZ", "/api/ledger/%"}) {
            assertThat(rawGet(path)).as(path).startsWith("HTTP/1.1 400 ").contains("urn:kat:problem:invalid-path").contains("percent-encoded")
                    .contains("\"instance\":\"" + path + "\"");
        }
        assertThat(rawGet("/api/ledger/a%2Fb")).as("an encoded slash stays the web server's bad-request").startsWith("HTTP/1.1 400 ")
                .contains("urn:kat:problem:bad-request");
        // the actuator's endpoints, whose queries the services' handler check does not see: refused, not answered as if the
        // parameter had not been sent (a fresh reviewer's metric came back unfiltered)
        for (String path : new String[]{"/actuator/metrics/http.server.requests?tag=uri:%ZZ", "/actuator/health?x=%FF", "/actuator?%ZZ",
                "/act%75ator/metrics/http.server.requests?tag=uri:%ZZ", "/%61ctuator;v=1/health?x=%ZZ"}) {
            String answer = rawGet(path);
            assertThat(answer).as(path).startsWith("HTTP/1.1 400 ").contains("urn:kat:problem:invalid-query").contains("percent-encoded");
        }
        assertThat(rawGet("/actuator/metrics/http.server.requests?tag=method:GET")).as("a query that can be read").startsWith("HTTP/1.1 200 ");
    }
}
