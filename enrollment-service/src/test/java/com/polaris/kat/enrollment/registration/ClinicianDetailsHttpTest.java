package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clinician's details are checked wherever they enter, with one rule each: the license's issuing state
 * is a US state or territory (rules/LicenseStates: 422 invalid-license-state naming
 * {@code clinician.licenseState}) and the e-mail address is one mail can be addressed to (web/EmailAddress,
 * Commons Validator: 400 invalid-request naming {@code clinician.email}), on registration, credit transfer,
 * joining a waitlist and accepting an offer. Nothing is stored for a refusal.
 */
class ClinicianDetailsHttpTest extends EnrollmentServiceTestBase {

    private static final AtomicInteger SERIES = new AtomicInteger(2700);
    private static final AtomicInteger CLINICIAN = new AtomicInteger();

    private String seriesId;

    @BeforeEach
    void series() {
        clock.set("2023-08-01T00:00:00Z");
        defineProgramModules();
        int n = SERIES.incrementAndGet();
        seriesId = "series-" + n;
        assertThat(post("/api/catalog/series", Map.of("seriesNumber", n, "capacity", 2, "priceCents", 210000, "ceOptionPriceCents", 7500,
                "classDays", List.of(Map.of("module", "M1", "date", "2023-10-10")))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private static Map<String, Object> clinician(String email, String state) {
        return Map.of("fullName", "Dr. Test", "email", email, "profession", "Psychologist", "licenseNumber", "PSY123", "licenseState", state);
    }

    private static String newEmail() {
        return "details" + CLINICIAN.incrementAndGet() + "@example.org";
    }

    private static Map<String, Object> payment() {
        return Map.of("amountPaidCents", 210000, "chargeReference", "ch_details", "processingFeeCents", 6338);
    }

    /** Every endpoint where a clinician's details enter, with the given details. */
    private Map<String, ResponseEntity<Map>> sendEverywhere(Map<String, Object> clinician) {
        Map<String, ResponseEntity<Map>> answers = new HashMap<>();
        answers.put("register", post("/api/series/" + seriesId + "/registrations",
                Map.of("clinician", clinician, "ceOption", false, "payment", payment())));
        answers.put("transfer", post("/api/credit/transfers", Map.of("seriesId", seriesId, "clinician", clinician, "ceOption", false)));
        answers.put("join waitlist", post("/api/series/" + seriesId + "/waitlist", Map.of("clinician", clinician)));
        answers.put("accept offer", post("/api/series/" + seriesId + "/waitlist-offers/" + UUID.randomUUID() + "/accept",
                Map.of("clinician", clinician, "ceOption", false, "payment", payment())));
        return answers;
    }

    private static void assertProblem(String endpoint, ResponseEntity<Map> r, HttpStatus status, String type) {
        assertThat(r.getStatusCode()).as(endpoint).isEqualTo(status);
        assertThat(r.getHeaders().getContentType()).as(endpoint).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.getBody()).as(endpoint).containsEntry("type", "urn:kat:problem:" + type);
    }

    @org.springframework.beans.factory.annotation.Autowired
    com.polaris.kat.eventstore.personal.PersonalDataVault vault;
    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    /**
     * Found by a fresh reviewer: a no-break space (U+00A0, U+2007, U+202F) before or after a name, profession or license number
     * was stored as sent and printed on certificates, while ordinary spaces were removed. Now both go; inner spaces stay.
     */
    @Test
    void noBreakSpacesAroundANameProfessionOrLicenseAreRemovedLikeOtherSpaces() {
        Map<String, Object> padded = Map.of("fullName", "\u00A0Bo\u00A0Nbsp\u202F", "email", newEmail(), "profession", "\u2007Psychologist ",
                "licenseNumber", "\u00A0RN-4\u2007", "licenseState", "CA");
        ResponseEntity<Map> r = post("/api/series/" + seriesId + "/registrations", Map.of("clinician", padded, "ceOption", false, "payment", payment()));
        assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.CREATED);
        String registrationId = (String) r.getBody().get("registrationId");
        var placed = (com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced) eventStore.readEvents(registrationId).asStream()
                .findFirst().orElseThrow().getPayload();
        var stored = vault.open(placed.clinicianId(), placed.clinician());
        assertThat(stored.fullName()).isEqualTo("Bo\u00A0Nbsp");
        assertThat(stored.profession()).isEqualTo("Psychologist");
        assertThat(stored.licenseNumber()).isEqualTo("RN-4");
    }

    @Test
    void aLicenseStateThatIsNoUsStateOrTerritoryIsRefusedEverywhereNamingTheField() {
        long before = eventCount();
        for (String state : List.of("ZZ", "XX", "AA", "FM", "ON")) {
            sendEverywhere(clinician(newEmail(), state)).forEach((endpoint, r) -> {
                assertProblem(endpoint, r, HttpStatus.UNPROCESSABLE_ENTITY, "invalid-license-state");
                assertThat(r.getBody()).as(endpoint).containsEntry("field", "clinician.licenseState");
                assertThat((String) r.getBody().get("detail")).as(endpoint).contains("'" + state + "' is not a US state or territory");
            });
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    /**
     * A refusal says what is wrong with what was sent (a fresh reviewer's " name@example.org " read "with a real domain", and
     * "wa" read "must be a two-letter state code").
     */
    @Test
    @SuppressWarnings("unchecked")
    void anAddressWithSpacesAroundItAndALowerCaseStateAreRefusedSayingSo() {
        long before = eventCount();
        for (String email : List.of("\u00A0" + newEmail(), newEmail() + "\u00A0")) {
            sendEverywhere(clinician(email, "CA")).forEach((endpoint, r) -> assertThat((List<Map<String, String>>) r.getBody().get("errors"))
                    .as(endpoint).anySatisfy(e -> assertThat(e).containsEntry("field", "clinician.email")
                            .hasEntrySatisfying("message", m -> assertThat(m).contains("must have no spaces before or after it"))));
        }
        sendEverywhere(clinician(newEmail() + ".", "CA")).forEach((endpoint, r) -> assertThat((List<Map<String, String>>) r.getBody().get("errors"))
                .as(endpoint).anySatisfy(e -> assertThat(e).containsEntry("field", "clinician.email")
                        .hasEntrySatisfying("message", m -> assertThat(m).contains("must not end with a dot"))));
        Map<String, ResponseEntity<Map>> spaces = sendEverywhere(clinician(" " + newEmail() + " ", "CA"));
        Map<String, ResponseEntity<Map>> lower = sendEverywhere(clinician(newEmail(), "wa"));
        for (var answers : List.of(Map.entry("clinician.email", spaces), Map.entry("clinician.licenseState", lower))) {
            String words = answers.getKey().endsWith("email") ? "must have no spaces before or after it" : "in capitals, e.g. CA";
            answers.getValue().forEach((endpoint, r) -> {
                assertProblem(endpoint, r, HttpStatus.BAD_REQUEST, "invalid-request");
                assertThat((List<Map<String, String>>) r.getBody().get("errors")).as(endpoint)
                        .anySatisfy(e -> assertThat(e).containsEntry("field", answers.getKey())
                                .hasEntrySatisfying("message", m -> assertThat(m).contains(words)));
            });
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    /** A fresh reviewer's "ｄｕｐ.email@…" and "dup.email@…" + U+FE0F were new clinicians beside "dup.email@…" (a second seat). */
    @Test
    @SuppressWarnings("unchecked")
    void anEmailAddressNotTypedAsPlainTextIsRefusedEverywhereNamingTheField() {
        long before = eventCount();
        for (String email : List.of("\uFF44\uFF55\uFF50.email@example.org", "dup.email@example.org\uFE0F", "dup\u200B.email@example.org",
                "dup.email@example.org\u2800", "dup.email@ex\uFF41mple.org")) {
            sendEverywhere(clinician(email, "CA")).forEach((endpoint, r) -> {
                assertProblem(endpoint + " " + email, r, HttpStatus.BAD_REQUEST, "invalid-request");
                assertThat((List<Map<String, String>>) r.getBody().get("errors")).as(endpoint + " " + email)
                        .anySatisfy(e -> assertThat(e).containsEntry("field", "clinician.email")
                                .hasEntrySatisfying("message", m -> assertThat(m).contains("typed as plain text")));
            });
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    /**
     * Fresh reviewers' "tp1900"@…, "tp\1902"@…, a."b"@…, c\d@… and tp@example。org were second clinicians (second seats)
     * beside the plain address: the part before the @ is a dot-atom, and the domain's dots are dots.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aQuotedOrEscapedPartBeforeTheAtIsRefusedEverywhereNamingTheField() {
        long before = eventCount();
        for (String email : List.of("\"tp1900\"@example.org", "\"tp\\1902\"@example.org", "\"john doe\"@example.org", "a.\"b\"@example.org",
                "a.\"b\".c@example.org", "c\\d@example.org")) {
            sendEverywhere(clinician(email, "CA")).forEach((endpoint, r) -> {
                assertProblem(endpoint + " " + email, r, HttpStatus.BAD_REQUEST, "invalid-request");
                assertThat((List<Map<String, String>>) r.getBody().get("errors")).as(endpoint + " " + email)
                        .anySatisfy(e -> assertThat(e).containsEntry("field", "clinician.email")
                                .hasEntrySatisfying("message", m -> assertThat(m).contains("no quotation marks, backslashes or spaces")));
            });
        }
        for (String email : List.of("hy2@b\u00fc--cher.de", "hy2@xn--b--cher-n2a.de", "hy3@b\u00fccher-.de")) {
            sendEverywhere(clinician(email, "CA")).forEach((endpoint, r) -> assertThat((List<Map<String, String>>) r.getBody().get("errors"))
                    .as(endpoint + " " + email).anySatisfy(e -> assertThat(e).containsEntry("field", "clinician.email")
                            .hasEntrySatisfying("message", m -> assertThat(m).contains("international labels IDNA 2008 allows"))));
        }
        sendEverywhere(clinician("tp@example\u3002org", "CA")).forEach((endpoint, r) -> {
            assertProblem(endpoint, r, HttpStatus.BAD_REQUEST, "invalid-request");
            assertThat((List<Map<String, String>>) r.getBody().get("errors")).as(endpoint)
                    .anySatisfy(e -> assertThat(e).containsEntry("field", "clinician.email")
                            .hasEntrySatisfying("message", m -> assertThat(m).contains("with '.', not '\u3002'")));
        });
        assertThat(eventCount()).isEqualTo(before);
    }

    /** A fresh reviewer's tp1901@bücher.de and tp1901@xn--bcher-kva.de were two clinicians with two seats in one series. */
    @Test
    void anInternationalDomainInEitherSpellingIsOneClinician() {
        String local = "idn" + CLINICIAN.incrementAndGet();
        ResponseEntity<Map> first = post("/api/series/" + seriesId + "/registrations",
                Map.of("clinician", clinician(local + "@bücher.de", "CA"), "ceOption", false, "payment", payment()));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<Map> second = post("/api/series/" + seriesId + "/registrations",
                Map.of("clinician", clinician(local.toUpperCase() + "@XN--BCHER-KVA.de", "CA"), "ceOption", false, "payment", payment()));
        assertProblem("the encoded spelling", second, HttpStatus.CONFLICT, "already-registered");
        // IDNA 2008's sharp s: straße.de is xn--strae-oqa.de (a fresh reviewer's second seat), and not strasse.de
        String sharp = "idn" + CLINICIAN.incrementAndGet();
        assertThat(post("/api/series/" + seriesId + "/registrations", Map.of("clinician", clinician(sharp + "@straße.de", "CA"),
                "ceOption", false, "payment", payment())).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        // the series (2 seats) is sold out now: its waitlist refuses the same clinician, and takes the other host's
        assertProblem("xn--strae-oqa", post("/api/series/" + seriesId + "/waitlist", Map.of("clinician", clinician(sharp + "@xn--strae-oqa.de", "CA"))),
                HttpStatus.CONFLICT, "already-registered");
        assertThat(post("/api/series/" + seriesId + "/waitlist", Map.of("clinician", clinician(sharp + "@strasse.de", "CA"))).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(eventTypes(seriesId).stream().filter("SeatTaken"::equals)).hasSize(2);
    }

    @Test
    void everyStateDcAndTheTerritoriesAreAccepted() {
        for (String state : List.of("CA", "NY", "WY", "DC", "PR", "GU", "VI", "AS", "MP")) {
            ResponseEntity<Map> r = post("/api/series/" + seriesId + "/registrations",
                    Map.of("clinician", clinician(newEmail(), state), "ceOption", false, "payment", payment()));
            // the state passes; capacity 2 then sells the series out, which is a different answer
            assertThat(r.getBody()).as(state).doesNotContainEntry("type", "urn:kat:problem:invalid-license-state");
            assertThat(r.getStatusCode()).as(state).isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
        }
        assertThat(eventTypes(seriesId).stream().filter("SeatTaken"::equals)).hasSize(2);
    }

    @Test
    void anEmailAddressWithoutARealDomainIsRefusedEverywhereNamingTheField() {
        long before = eventCount();
        for (String email : List.of("a@b", "name@localhost", "name@example", "name@example.invalidtld", "name@@example.org",
                "name@example..org", "name.@example.org", "@example.org", "name@-example.org")) {
            sendEverywhere(clinician(email, "CA")).forEach((endpoint, r) -> {
                assertProblem(endpoint + " " + email, r, HttpStatus.BAD_REQUEST, "invalid-request");
                assertThat((List<Map<String, String>>) r.getBody().get("errors")).as(endpoint + " " + email)
                        .anySatisfy(e -> assertThat(e).containsEntry("field", "clinician.email"));
            });
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void ordinaryAddressesStillRegisterAndTheClinicianIdStillComesFromTheNormalisedAddress() {
        String email = "Dana.O'Neil+kat@Mail.Example.co.uk";
        ResponseEntity<Map> first = post("/api/series/" + seriesId + "/registrations",
                Map.of("clinician", clinician(email, "CA"), "ceOption", false, "payment", payment()));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        // the same person, written in lower case: the same clinician (normalisation unchanged), so already registered
        ResponseEntity<Map> again = post("/api/series/" + seriesId + "/registrations",
                Map.of("clinician", clinician(email.toLowerCase(), "CA"), "ceOption", false, "payment", payment()));
        assertProblem("register again", again, HttpStatus.CONFLICT, "already-registered");
    }
}
