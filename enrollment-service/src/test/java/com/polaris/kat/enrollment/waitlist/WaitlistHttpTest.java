package com.polaris.kat.enrollment.waitlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The waitlist over HTTP against real PostgreSQL (shared/product-rules "Waitlist"): offers on a freed
 * seat, held seats refused to plain registrations, acceptance, decline, leave, lapse through the
 * persistent deadline (db-scheduler, fired with the test clock moved past the offer's end), closing
 * with registration, and refusals that write nothing.
 */
class WaitlistHttpTest extends EnrollmentServiceTestBase {

    private static final AtomicInteger SERIES = new AtomicInteger(1800);
    private static final AtomicInteger CLINICIAN = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    MeterRegistry meters;

    private String seriesId;

    /** A sold-out series per test: 2 seats, first class day 2023-10-10 09:00 PDT (registration closes then). */
    @BeforeEach
    void soldOutSeries() {
        clock.set("2023-08-01T00:00:00Z");
        defineProgramModules();
        int n = SERIES.incrementAndGet();
        seriesId = "series-" + n;
        assertThat(post("/api/catalog/series", Map.of("seriesNumber", n, "capacity", 2, "priceCents", 210000, "ceOptionPriceCents", 7500,
                "classDays", List.of(Map.of("module", "M1", "date", "2023-10-10"), Map.of("module", "M2", "date", "2023-10-20"))))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    /**
     * The test clock stands far behind the wall clock, so db-scheduler finds this test's deadlines due at
     * once and the series sets them again each second; other test classes of the shared context move the
     * clock where they fire for real. Removed, so they cannot write events into another test.
     */
    @org.junit.jupiter.api.AfterEach
    void dropThisTestsDeadlines() {
        jdbc.update("DELETE FROM enrollment.scheduled_tasks WHERE task_name = 'AxonDeadline'");
    }

    static Map<String, Object> clinician(String email) {
        return Map.of("fullName", "Dr. Wait", "email", email, "profession", "Psychologist", "licenseNumber", "PSY123", "licenseState", "CA");
    }

    static String newEmail() {
        return "waiting" + CLINICIAN.incrementAndGet() + "@example.org";
    }

    static Map<String, Object> registration(String email) {
        return Map.of("clinician", clinician(email), "ceOption", false,
                "payment", Map.of("amountPaidCents", 210000, "chargeReference", "ch_" + email.hashCode(), "processingFeeCents", 6120));
    }

    private ResponseEntity<Map> postWithKey(String path, Object body, String key) {
        var req = http.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            req = req.header("Idempotency-Key", key);
        }
        return req.body(body).retrieve().toEntity(Map.class);
    }

    private String register(String email) {
        ResponseEntity<Map> r = post("/api/series/" + seriesId + "/registrations", registration(email));
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) r.getBody().get("registrationId");
    }

    private ResponseEntity<Map> join(String email, String key) {
        return postWithKey("/api/series/" + seriesId + "/waitlist", Map.of("clinician", clinician(email)), key);
    }

    private String joined(String email) {
        ResponseEntity<Map> r = join(email, null);
        assertThat(r.getStatusCode()).as("join: %s", r.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(r.getBody()).containsEntry("status", "WAITING");
        return (String) r.getBody().get("placeId");
    }

    private ResponseEntity<Map> cancel(String registrationId) {
        return post("/api/series/" + seriesId + "/registrations/" + registrationId + "/cancel", Map.of("reason", "cannot attend"));
    }

    private ResponseEntity<Map> accept(String offerId, String email, String key) {
        return postWithKey("/api/series/" + seriesId + "/waitlist-offers/" + offerId + "/accept", registration(email), key);
    }

    /** The offers made on the series, in order, as stored (JSON). */
    private List<JsonNode> events(String type) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type LIKE ? ORDER BY sequence_number", String.class, seriesId, "%$" + type).stream()
                .map(this::read).toList();
    }

    private JsonNode read(String s) {
        try {
            return json.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String offerFor(String placeId) {
        return events("WaitlistOfferMade").stream().filter(o -> o.get("placeId").asText().equals(placeId))
                .reduce((a, b) -> b).orElseThrow().get("offerId").asText();
    }

    private String[] soldOutWithTwoHolders() {
        return new String[]{register(newEmail()), register(newEmail())};
    }

    @Autowired
    org.springframework.core.env.Environment environment;
    @Autowired
    com.polaris.kat.eventstore.personal.PersonalDataVault vault;

    /**
     * Found by a fresh reviewer: the request fingerprint kept in {@code WaitlistJoined} (immutable, shown in the audit trail)
     * was SHA-256 of the series id and the clinician's details, so anyone who guessed a person's name, e-mail and license
     * (license boards publish them) confirmed the guess, also after an erasure (product rules, "Personal data"). It is
     * HMAC-SHA-256 under the pseudonym key now, and the same details under another key give another value.
     */
    @Test
    void theStoredRequestFingerprintConfirmsNoGuessOfTheClinicianDetails() throws Exception {
        soldOutWithTwoHolders();
        String email = newEmail();
        joined(email);
        String stored = events("WaitlistJoined").get(0).get("requestFingerprint").asText();

        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("fullName", "Dr. Wait");
        details.put("email", email);
        details.put("profession", "Psychologist");
        details.put("licenseNumber", "PSY123");
        details.put("licenseState", "CA");
        byte[] guessed = json.writeValueAsBytes(details);
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(seriesId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update("\"waitlist\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(guessed);
        assertThat(stored).matches("[0-9a-f]{64}").isNotEqualTo(java.util.HexFormat.of().formatHex(sha.digest()));

        // the documented construction under the test key gives the stored value; under another key, another one
        java.util.function.Function<byte[], String> keyed = key -> {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
                mac.update(("request:" + seriesId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                mac.update((byte) 0);
                mac.update("\"waitlist\"".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                mac.update((byte) 0);
                mac.update(guessed);
                mac.update((byte) 0);
                return java.util.HexFormat.of().formatHex(mac.doFinal());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
        byte[] testKey = java.util.Base64.getDecoder().decode(environment.getProperty("kat.personal-data.pseudonym-key"));
        assertThat(stored).isEqualTo(keyed.apply(testKey));
        assertThat(keyed.apply(new byte[32])).isNotEqualTo(stored);
    }

    @Test
    void aCancellationOffersTheSeatToTheFirstInLineAPlainRegistrationIsRefusedMeanwhileAndAcceptanceRegisters() {
        String[] holders = soldOutWithTwoHolders();
        String firstEmail = newEmail();
        String first = joined(firstEmail);
        String second = joined(newEmail());

        clock.set("2023-08-02T00:00:00Z");
        assertThat(cancel(holders[0]).getStatusCode()).isEqualTo(HttpStatus.OK);
        List<JsonNode> offers = events("WaitlistOfferMade");
        assertThat(offers).hasSize(1);
        JsonNode offer = offers.get(0);
        assertThat(offer.get("placeId").asText()).isEqualTo(first);
        assertThat(offer.get("cause").asText()).isEqualTo("SEAT_RELEASED");
        assertThat(offer.get("expiresAt").asText()).isEqualTo("2023-08-04T00:00:00Z"); // 48 h
        assertThat(offer.get("seatsHeldAfter").asInt()).isEqualTo(1);
        // the event carries the cancelling request's actor and correlation id, like every event
        String meta = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%WaitlistOfferMade'", String.class, seriesId);
        assertThat(meta).contains("\"actor\":\"tester\"").contains("correlationId");

        // the held seat is nobody else's: a plain registration is refused, nothing written
        long before = eventCount();
        ResponseEntity<Map> refused = post("/api/series/" + seriesId + "/registrations", registration(newEmail()));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).containsEntry("type", "urn:kat:problem:sold-out");
        assertThat((String) refused.getBody().get("detail")).contains("1 held for the waitlist");
        assertThat(eventCount()).isEqualTo(before);

        // someone else cannot accept it
        ResponseEntity<Map> wrong = accept(offer.get("offerId").asText(), newEmail(), null);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(wrong.getBody()).containsEntry("type", "urn:kat:problem:offer-clinician-mismatch");
        assertThat(eventCount()).isEqualTo(before);

        // the first in line accepts: a registration into the held seat, once
        String key = "accept-" + UUID.randomUUID();
        ResponseEntity<Map> accepted = accept(offer.get("offerId").asText(), firstEmail, key);
        assertThat(accepted.getStatusCode()).as("%s", accepted.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(accepted.getHeaders().getLocation().toString()).contains("/api/registrations/");
        String registrationId = (String) accepted.getBody().get("registrationId");
        assertThat(accepted.getBody()).containsEntry("status", "ACTIVE");
        assertThat(eventTypes(registrationId)).containsExactly("RegistrationPlaced");
        assertThat(eventTypes(seriesId)).endsWith("SeatTaken", "WaitlistOfferAccepted");
        ResponseEntity<Map> again = accept(offer.get("offerId").asText(), firstEmail, key);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).containsEntry("replayed", true).containsEntry("registrationId", registrationId);
        assertThat(events("SeatTaken")).hasSize(3);
        // still sold out; the second in line waits; accepting again without the key is refused
        assertThat(post("/api/series/" + seriesId + "/registrations", registration(newEmail())).getBody())
                .containsEntry("type", "urn:kat:problem:sold-out");
        assertThat(accept(offer.get("offerId").asText(), firstEmail, null).getBody()).containsEntry("type", "urn:kat:problem:offer-not-open");
        assertThat(events("WaitlistOfferMade")).hasSize(1);
        assertThat(meters.counter("kat.waitlist.offers.accepted").count()).isPositive();
        assertThat(second).isNotNull();
    }

    /**
     * An erasure request ends the clinician's places (a fresh reviewer saw a seat held 48 hours for an erased clinician
     * nobody could contact): an open offer is declined and passes to the next in line; a waiting place leaves. Each step
     * carries the actor system:erasure-waitlist. A place joined after the erasure (new contact details) stays.
     */
    @Test
    void anErasureEndsTheClinicansPlacesAndAnOpenOfferPassesToTheNextInLine() {
        String[] holders = soldOutWithTwoHolders();
        ResponseEntity<Map> a = join(newEmail(), null);
        String first = (String) a.getBody().get("placeId");
        String second = joined(newEmail());
        String thirdEmail = newEmail();
        ResponseEntity<Map> c = join(thirdEmail, null);
        String third = (String) c.getBody().get("placeId");
        clock.set("2023-08-02T00:00:00Z");
        assertThat(cancel(holders[0]).getStatusCode()).isEqualTo(HttpStatus.OK);
        String offer = offerFor(first);

        // the first in line, holding the offer, is erased: the offer is declined and the seat offered to the second
        assertThat(post("/api/clinicians/" + a.getBody().get("clinicianId") + "/erasure-requests", Map.of("reason", "PRIV-9001"))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> events("WaitlistOfferMade").size() == 2);
        assertThat(events("WaitlistOfferDeclined")).singleElement().satisfies(d -> assertThat(d.get("offerId").asText()).isEqualTo(offer));
        assertThat(events("WaitlistLeft")).singleElement().satisfies(l -> {
            assertThat(l.get("placeId").asText()).isEqualTo(first);
            assertThat(l.get("reason").asText()).isEqualTo(ErasedClinicianPlaces.REASON);
        });
        assertThat(events("WaitlistOfferMade").get(1).get("placeId").asText()).isEqualTo(second);
        String meta = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%WaitlistLeft'", String.class, seriesId);
        assertThat(meta).contains("\"actor\":\"" + ErasedClinicianPlaces.ACTOR + "\"");

        // a waiting place leaves too; the clinician joins again afterwards (new contact details): that place stays
        assertThat(post("/api/clinicians/" + c.getBody().get("clinicianId") + "/erasure-requests", Map.of("reason", "PRIV-9002"))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> events("WaitlistLeft").size() == 2);
        assertThat(events("WaitlistLeft").get(1).get("placeId").asText()).isEqualTo(third);
        ResponseEntity<Map> rejoined = postWithKey("/api/series/" + seriesId + "/waitlist", Map.of("clinician", clinician(thirdEmail)),
                "rejoin-" + UUID.randomUUID());
        assertThat(rejoined.getStatusCode()).as("%s", rejoined.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(events("WaitlistOfferMade")).hasSize(2);
        assertThat(events("WaitlistLeft")).hasSize(2);
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.axonframework.config.EventProcessingConfiguration processing;

    /**
     * An offer whose clinician was erased after joining cannot be accepted, also before the step that declines it has run
     * (erasure-waitlist, asynchronous; held here): a fresh reviewer accepted one right after the erasure's 201, and the
     * erased name, e-mail and license were readable again. A plain registration does not take the withdrawn offer's seat.
     */
    @Test
    void anOfferIsNotAcceptedOnceItsClinicianWasErasedEvenBeforeTheOfferIsDeclined() {
        String[] holders = soldOutWithTwoHolders();
        String email = newEmail();
        ResponseEntity<Map> a = join(email, null);
        String place = (String) a.getBody().get("placeId");
        String next = joined(newEmail());
        clock.set("2023-08-02T00:00:00Z");
        assertThat(cancel(holders[0]).getStatusCode()).isEqualTo(HttpStatus.OK);
        String offer = offerFor(place);
        org.axonframework.eventhandling.TrackingEventProcessor erasureSteps = processing
                .eventProcessor(ErasedClinicianPlaces.GROUP, org.axonframework.eventhandling.TrackingEventProcessor.class).orElseThrow();
        erasureSteps.shutDown();
        try {
            clock.set("2023-08-02T00:01:00Z");
            assertThat(post("/api/clinicians/" + a.getBody().get("clinicianId") + "/erasure-requests", Map.of("reason", "PRIV-9003"))
                    .getStatusCode()).isEqualTo(HttpStatus.CREATED);
            long before = eventCount();
            ResponseEntity<Map> accepted = accept(offer, email, "accept-after-erasure-" + UUID.randomUUID());
            assertThat(accepted.getStatusCode()).as("%s", accepted.getBody()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(accepted.getBody()).containsEntry("type", "urn:kat:problem:offer-not-open");
            assertThat((String) accepted.getBody().get("detail")).contains("erased at 2023-08-02T00:01:00Z, after they joined the waitlist");
            ResponseEntity<Map> plain = post("/api/series/" + seriesId + "/registrations", registration(email));
            assertThat(plain.getStatusCode()).as("%s", plain.getBody()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(plain.getBody()).containsEntry("type", "urn:kat:problem:sold-out");
            assertThat(eventCount()).as("nothing written").isEqualTo(before);
        } finally {
            erasureSteps.start();
        }
        // the held step then declines the offer and the seat goes to the next in line
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> events("WaitlistOfferMade").size() == 2);
        assertThat(events("WaitlistOfferDeclined")).singleElement().satisfies(d -> assertThat(d.get("offerId").asText()).isEqualTo(offer));
        assertThat(events("WaitlistOfferMade").get(1).get("placeId").asText()).isEqualTo(next);
    }

    @Test
    void aLapsedOfferPassesToTheNextInLineWhenItsDeadlineFires() {
        String[] holders = soldOutWithTwoHolders();
        String first = joined(newEmail());
        String second = joined(newEmail());
        assertThat(put("/api/catalog/series/" + seriesId + "/offer-window", Map.of("offerWindowMinutes", 60, "reason", "short December window"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        clock.set("2023-08-02T00:00:00Z");
        // the cancellation that frees the seat sets the offer's deadline; its reason and key are its own, not the deadline's
        assertThat(postWithKey("/api/series/" + seriesId + "/registrations/" + holders[0] + "/cancel", Map.of("reason", "cannot attend"),
                "cancel-" + holders[0]).getStatusCode()).isEqualTo(HttpStatus.OK);
        String offer = offerFor(first);
        assertThat(events("WaitlistOfferMade").get(0).get("expiresAt").asText()).isEqualTo("2023-08-02T01:00:00Z");
        // its deadline is a row in db-scheduler's table
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrollment.scheduled_tasks WHERE task_name = 'AxonDeadline'", Integer.class))
                .isPositive();

        // the deadline may fire before the offer's end by the service's clock: nothing lapses, it is set again
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> events("WaitlistOfferLapsed").isEmpty());

        clock.set("2023-08-02T01:00:00Z");
        await().atMost(Duration.ofSeconds(20)).until(() -> events("WaitlistOfferMade").size() == 2);
        JsonNode lapsed = events("WaitlistOfferLapsed").get(0);
        assertThat(lapsed.get("offerId").asText()).isEqualTo(offer);
        assertThat(lapsed.get("cause").asText()).isEqualTo("WINDOW_ENDED");
        JsonNode next = events("WaitlistOfferMade").get(1);
        assertThat(next.get("placeId").asText()).isEqualTo(second);
        assertThat(next.get("cause").asText()).isEqualTo("OFFER_LAPSED");
        String meta = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%WaitlistOfferLapsed'", String.class, seriesId);
        assertThat(meta).contains("\"actor\":\"system:waitlist-deadline\"").contains("offer-" + offer);
        // what the deadline caused names the deadline alone: not the reason and key of the command that set it (a fresh reviewer's
        // lapsed offers and closed waitlists said "cannot attend", "moved up"), nor the offer the lapse passes on
        for (String type : new String[]{"WaitlistOfferLapsed", "WaitlistOfferMade"}) {
            for (String m : jdbc.queryForList("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND payload_type LIKE ? AND convert_from(meta_data, 'UTF8') LIKE '%system:waitlist-deadline%'", String.class, seriesId, "%" + type)) {
                assertThat(m).as(type).doesNotContain("\"reason\"").doesNotContain("idempotencyKey").doesNotContain("cannot attend");
            }
        }
        // the lapsed offer cannot be accepted any more
        assertThat(accept(offer, "whoever@example.org", null).getStatusCode()).isIn(HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Autowired
    com.polaris.kat.events.enrollment.ClinicianIds clinicianIds;
    @Autowired
    org.axonframework.commandhandling.gateway.CommandGateway commands;

    @Test
    void anOfferIsAcceptedWithCreditThatIsSpentInTheSameTransaction() {
        String[] holders = soldOutWithTwoHolders();
        String email = newEmail();
        String clinicianId = clinicianIds.fromEmail(email);
        commands.sendAndWait(new com.polaris.kat.events.credit.CreditCommands.IssueCredit(clinicianId, "test-grant",
                com.polaris.kat.events.money.Money.dollars(2000), "series-0", "r0", java.time.Instant.parse("2023-07-01T00:00:00Z")));
        String place = joined(email);
        cancel(holders[0]);
        // $2000 of credit against $2100: the card pays $100
        ResponseEntity<Map> accepted = postWithKey("/api/series/" + seriesId + "/waitlist-offers/" + offerFor(place) + "/accept",
                Map.of("clinician", clinician(email), "ceOption", false, "useCredit", true,
                        "payment", Map.of("amountPaidCents", 10000, "chargeReference", "ch_rest", "processingFeeCents", 320)), "credit-" + seriesId);
        assertThat(accepted.getStatusCode()).as("%s", accepted.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(eventTypes(com.polaris.kat.events.credit.CreditStreams.of(clinicianId))).endsWith("CreditApplied");
        String registrationId = (String) accepted.getBody().get("registrationId");
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, registrationId)).contains("\"creditApplied\":{\"cents\":200000}");
    }

    @Test
    void decliningOrLeavingPassesTheSeatOnAndLeavingAgainChangesNothing() throws Exception {
        String[] holders = soldOutWithTwoHolders();
        String first = joined(newEmail());
        String second = joined(newEmail());
        String third = joined(newEmail());
        cancel(holders[0]);
        // ids typed in upper case name the same offer and place (RFC 9562: case-insensitive on input; web.HexIdentifiers), and
        // nothing is ever written under the upper-cased id (a fresh reviewer had left a place under one); the repeats below, in
        // lower case, are the same steps
        ResponseEntity<Map> declined = post("/api/series/" + seriesId + "/waitlist-offers/" + offerFor(first).toUpperCase() + "/decline",
                Map.of("reason", "found another date"));
        assertThat(declined.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(declined.getBody()).containsEntry("status", "DECLINED");
        assertThat(offerFor(second)).isNotNull();
        ResponseEntity<Map> left = post("/api/series/" + seriesId + "/waitlist/" + second.toUpperCase() + "/leave", Map.of("reason", "no longer available"));
        assertThat(left.getBody()).containsEntry("status", "LEFT");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE '%' || ? || '%'"
                + " OR aggregate_identifier LIKE '%' || ? || '%'", Long.class, second.toUpperCase(), offerFor(first).toUpperCase())).isZero();
        // the clinicians' own words are sealed under their contact keys, in no event's payload or metadata in plain text
        // (a fresh reviewer found a clinician's reason in plain text after their erasure)
        for (String words : List.of("found another date", "no longer available")) {
            assertThat(com.polaris.kat.testsupport.DatabaseText.tablesContaining(jdbc, words)).as(words).isEmpty();
        }
        assertThat(events("WaitlistOfferDeclined").get(0).get("sealedReason").get("keyId").asText()).isNotBlank();
        assertThat(vault.openText(events("WaitlistOfferDeclined").get(0).get("clinicianId").asText(), json.treeToValue(
                events("WaitlistOfferDeclined").get(0).get("sealedReason"), com.polaris.kat.events.enrollment.SealedText.class)))
                .isEqualTo("found another date");
        assertThat(events("WaitlistLeft").get(0).get("reason").isNull()).isTrue();
        assertThat(offerFor(third)).isNotNull();
        assertThat(events("WaitlistOfferMade").stream().map(o -> o.get("cause").asText()))
                .containsExactly("SEAT_RELEASED", "OFFER_DECLINED", "PLACE_LEFT");
        long before = eventCount();
        assertThat(post("/api/series/" + seriesId + "/waitlist/" + second + "/leave", Map.of()).getBody()).containsEntry("replayed", true);
        assertThat(post("/api/series/" + seriesId + "/waitlist-offers/" + offerFor(first) + "/decline", Map.of()).getBody())
                .containsEntry("replayed", true);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void leaveAndDeclineHonourTheirIdempotencyKey() {
        // a fresh reviewer left two places and declined two offers under one key: the key had been ignored there
        String[] holders = soldOutWithTwoHolders();
        String first = joined(newEmail());
        String second = joined(newEmail());
        String third = joined(newEmail());
        String fourth = joined(newEmail());
        cancel(holders[0]);
        String offer = offerFor(first);
        String key = "decline-" + UUID.randomUUID();
        assertThat(postWithKey("/api/series/" + seriesId + "/waitlist-offers/" + offer + "/decline", Map.of("reason", "no"), key).getBody())
                .containsEntry("status", "DECLINED");
        long before = eventCount();
        ResponseEntity<Map> repeat = postWithKey("/api/series/" + seriesId + "/waitlist-offers/" + offer + "/decline", Map.of("reason", "no"), key);
        assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(repeat.getBody()).containsEntry("status", "DECLINED").containsEntry("replayed", true);
        assertThat(eventCount()).as("the repeat records nothing").isEqualTo(before);
        ResponseEntity<Map> otherOffer = postWithKey("/api/series/" + seriesId + "/waitlist-offers/" + offerFor(second) + "/decline",
                Map.of("reason", "no"), key);
        assertThat(otherOffer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(otherOffer.getBody()).containsEntry("type", "urn:kat:problem:idempotency-key-reused");
        ResponseEntity<Map> leaveUnderIt = postWithKey("/api/series/" + seriesId + "/waitlist/" + third + "/leave", Map.of("reason", "no"), key);
        assertThat(leaveUnderIt.getBody()).as("another endpoint under the key").containsEntry("type", "urn:kat:problem:idempotency-key-reused");
        assertThat(eventCount()).isEqualTo(before);

        String leaveKey = "leave-" + UUID.randomUUID();
        assertThat(postWithKey("/api/series/" + seriesId + "/waitlist/" + third + "/leave", Map.of("reason", "busy"), leaveKey).getBody())
                .containsEntry("status", "LEFT");
        ResponseEntity<Map> otherPlace = postWithKey("/api/series/" + seriesId + "/waitlist/" + fourth + "/leave", Map.of("reason", "busy"), leaveKey);
        assertThat(otherPlace.getBody()).containsEntry("type", "urn:kat:problem:idempotency-key-reused");
        assertThat(postWithKey("/api/series/" + seriesId + "/waitlist/" + third + "/leave", Map.of("reason", "busy"), leaveKey).getBody())
                .containsEntry("status", "LEFT").containsEntry("replayed", true);
        assertThat(events("WaitlistLeft")).hasSize(1);
    }

    @Test
    void raisingTheCapacityOffersTheNewSeats() {
        soldOutWithTwoHolders();
        String first = joined(newEmail());
        String second = joined(newEmail());
        assertThat(put("/api/catalog/series/" + seriesId + "/capacity", Map.of("capacity", 4, "reason", "bigger room")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(events("WaitlistOfferMade").stream().map(o -> o.get("placeId").asText())).containsExactly(first, second);
        ResponseEntity<Map> lower = put("/api/catalog/series/" + seriesId + "/capacity", Map.of("capacity", 3, "reason", "smaller"));
        assertThat(lower.getBody()).containsEntry("type", "urn:kat:problem:capacity-below-seats-taken");
        assertThat((String) lower.getBody().get("detail")).contains("already has 2 seats taken and 2 held by waitlist offers");
    }

    @Test
    void anOpenOfferEndsNoLaterThanRegistrationAfterTheFirstClassDayMovesForward() {
        // a series of its own (its days are not shared with the other tests' series, which this test moves)
        int n = SERIES.incrementAndGet();
        seriesId = "series-" + n;
        assertThat(post("/api/catalog/series", Map.of("seriesNumber", n, "capacity", 1, "priceCents", 210000, "ceOptionPriceCents", 7500,
                "classDays", List.of(Map.of("module", "M3", "date", "2023-09-07"), Map.of("module", "M4", "date", "2023-09-08"))))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String holder = register(newEmail());
        String place = joined(newEmail());
        assertThat(cancel(holder).getStatusCode()).isEqualTo(HttpStatus.OK);
        String offer = offerFor(place);
        assertThat(events("WaitlistOfferMade").get(0).get("expiresAt").asText()).isEqualTo("2023-08-03T00:00:00Z");
        // the first class day moves to tomorrow 09:00 PDT, before the offer's 48 hours are up
        assertThat(post("/api/catalog/class-days/M3-2023-09-07/move", Map.of("newDate", "2023-08-02", "reason", "trainer's schedule"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events("WaitlistOfferEndMoved")).singleElement().satisfies(m -> {
            assertThat(m.get("offerId").asText()).isEqualTo(offer);
            assertThat(m.get("fromExpiresAt").asText()).isEqualTo("2023-08-03T00:00:00Z");
            assertThat(m.get("toExpiresAt").asText()).isEqualTo("2023-08-02T16:00:00Z");
            assertThat(m.get("reason").asText()).contains("M3-2023-09-07 moved to 2023-08-02");
        }));
    }

    /** The other way: an offer the close had cut short runs on to its window's end when the first day moves later (a fresh reviewer's finding). */
    @Test
    void anOfferCutShortByTheCloseRunsToItsWindowsEndWhenTheFirstClassDayMovesLater() {
        int n = SERIES.incrementAndGet();
        seriesId = "series-" + n;
        assertThat(post("/api/catalog/series", Map.of("seriesNumber", n, "capacity", 1, "priceCents", 210000, "ceOptionPriceCents", 7500,
                "classDays", List.of(Map.of("module", "M5", "date", "2023-08-02"), Map.of("module", "M4", "date", "2023-09-15"))))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String holder = register(newEmail());
        String place = joined(newEmail());
        // a late cancellation (the first day is tomorrow): the holder takes credit
        assertThat(post("/api/series/" + seriesId + "/registrations/" + holder + "/cancel", Map.of("choice", "CREDIT")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        String offer = offerFor(place);
        // made 2023-08-01T00:00Z: its 48 hours are cut short by registration's close, 2023-08-02 09:00 PDT
        assertThat(events("WaitlistOfferMade").get(0).get("expiresAt").asText()).isEqualTo("2023-08-02T16:00:00Z");
        ResponseEntity<Map> moved = post("/api/catalog/class-days/M5-2023-08-02/move", Map.of("newDate", "2023-08-20", "reason", "trainer ill"));
        assertThat(moved.getStatusCode()).as("%s", moved.getBody()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events("WaitlistOfferEndMoved")).singleElement().satisfies(m -> {
            assertThat(m.get("offerId").asText()).isEqualTo(offer);
            assertThat(m.get("fromExpiresAt").asText()).isEqualTo("2023-08-02T16:00:00Z");
            assertThat(m.get("toExpiresAt").asText()).isEqualTo("2023-08-03T00:00:00Z");
            assertThat(m.get("reason").asText()).contains("M5-2023-08-02 moved to 2023-08-20");
        }));
    }

    @Test
    void aPlainRegistrationByTheClinicianHoldingAnOfferTakesTheHeldSeat() {
        soldOutWithTwoHolders();
        String email = newEmail();
        String place = joined(email);
        // two more seats, one waiting clinician: one seat is held for them, the other is free
        put("/api/catalog/series/" + seriesId + "/capacity", Map.of("capacity", 4, "reason", "bigger room"));
        String offer = offerFor(place);
        ResponseEntity<Map> registered = post("/api/series/" + seriesId + "/registrations", registration(email));
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(events("WaitlistOfferAccepted")).singleElement().satisfies(a -> {
            assertThat(a.get("offerId").asText()).isEqualTo(offer);
            assertThat(a.get("registrationId").asText()).isEqualTo(registered.getBody().get("registrationId"));
        });
        // the free seat is still there for anyone
        assertThat(post("/api/series/" + seriesId + "/registrations", registration(newEmail())).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/series/" + seriesId + "/registrations", registration(newEmail())).getBody())
                .containsEntry("type", "urn:kat:problem:sold-out");
    }

    @Test
    void closingRegistrationLapsesOpenOffersAndClosesTheWaitlist() {
        String[] holders = soldOutWithTwoHolders();
        String first = joined(newEmail());
        joined(newEmail());
        clock.set("2023-10-09T16:00:00Z"); // a day before the first class day: the offer ends with registration
        assertThat(post("/api/series/" + seriesId + "/registrations/" + holders[0] + "/cancel", Map.of("choice", "CREDIT"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(events("WaitlistOfferMade").get(0).get("expiresAt").asText()).isEqualTo("2023-10-10T16:00:00Z");
        clock.set("2023-10-10T16:00:00Z");
        await().atMost(Duration.ofSeconds(20)).until(() -> !events("WaitlistClosed").isEmpty());
        JsonNode lapsed = events("WaitlistOfferLapsed").get(0);
        assertThat(lapsed.get("offerId").asText()).isEqualTo(offerFor(first));
        assertThat(lapsed.get("cause").asText()).isEqualTo("REGISTRATION_CLOSED");
        assertThat(events("WaitlistClosed").get(0).get("placesClosed").asInt()).isEqualTo(1);
        assertThat(events("WaitlistOfferMade")).hasSize(1); // nothing is offered after the close
        assertThat(join(newEmail(), null).getBody()).containsEntry("type", "urn:kat:problem:registration-closed");
    }

    @Test
    void joiningIsRefusedWhenNotSoldOutWhenRegisteredOrAlreadyWaitingAndARepeatAnswersTheFirstOutcome() {
        String holder = newEmail();
        register(holder);
        long before = eventCount();
        Map<String, Object> notSoldOut = join(newEmail(), null).getBody();
        assertThat(notSoldOut).containsEntry("type", "urn:kat:problem:not-sold-out");
        assertThat((String) notSoldOut.get("detail")).contains(" has 1 free seat; register instead"); // it read "1 free seat(s)"
        // the same answer for an address registered there: a refusal must not confirm a guessed address (a fresh reviewer's
        // "already-registered" here told registered addresses apart for free)
        assertThat(join(holder, null).getBody()).containsEntry("type", "urn:kat:problem:not-sold-out");
        assertThat(eventCount()).isEqualTo(before);
        register(newEmail());
        assertThat(join(holder, null).getBody()).containsEntry("type", "urn:kat:problem:already-registered");
        String email = newEmail();
        String key = "join-" + UUID.randomUUID();
        ResponseEntity<Map> first = join(email, key);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(first.getHeaders().getLocation().toString()).endsWith("/api/waitlist/places/" + first.getBody().get("placeId"));
        ResponseEntity<Map> repeat = join(email, key);
        assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(repeat.getBody()).containsEntry("replayed", true).containsEntry("placeId", first.getBody().get("placeId"));
        assertThat(join(newEmail(), key).getBody()).containsEntry("type", "urn:kat:problem:idempotency-key-reused");
        assertThat(join(email, null).getBody()).containsEntry("type", "urn:kat:problem:already-on-waitlist");
        assertThat(events("WaitlistJoined")).hasSize(1);
        // personal data is sealed: no e-mail address in the stored event
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%WaitlistJoined'", String.class, seriesId)).doesNotContain(email).doesNotContain("Dr. Wait");
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        soldOutWithTwoHolders();
        long before = eventCount();
        ResponseEntity<Map> noClinician = post("/api/series/" + seriesId + "/waitlist", Map.of());
        assertThat(noClinician.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noClinician.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(noClinician.getBody()).containsEntry("type", "urn:kat:problem:invalid-request");
        ResponseEntity<Map> badEmail = post("/api/series/" + seriesId + "/waitlist", Map.of("clinician",
                Map.of("fullName", "X", "email", "not-an-address", "profession", "P", "licenseNumber", "L", "licenseState", "CA")));
        assertThat(badEmail.getBody()).containsEntry("type", "urn:kat:problem:invalid-request");
        ResponseEntity<Map> unknownField = post("/api/series/" + seriesId + "/waitlist", Map.of("clinician", clinician(newEmail()), "extra", 1));
        assertThat(unknownField.getBody()).containsEntry("type", "urn:kat:problem:malformed-request");
        // a place's id is the service's: one chosen by the client (it had been reused across series) is an unknown field
        ResponseEntity<Map> chosenPlace = post("/api/series/" + seriesId + "/waitlist",
                Map.of("placeId", UUID.randomUUID().toString(), "clinician", clinician(newEmail())));
        assertThat(chosenPlace.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(chosenPlace.getBody()).containsEntry("type", "urn:kat:problem:malformed-request");
        ResponseEntity<Map> unknownOffer = accept(UUID.randomUUID().toString(), newEmail(), null);
        assertThat(unknownOffer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownOffer.getBody()).containsEntry("type", "urn:kat:problem:offer-not-found");
        ResponseEntity<Map> unknownPlace = post("/api/series/" + seriesId + "/waitlist/" + UUID.randomUUID() + "/leave", Map.of());
        assertThat(unknownPlace.getBody()).containsEntry("type", "urn:kat:problem:waitlist-place-not-found");
        ResponseEntity<Map> longPath = post("/api/series/" + seriesId + "/waitlist/" + "x".repeat(37) + "/leave", Map.of());
        assertThat(longPath.getBody()).containsEntry("type", "urn:kat:problem:invalid-path");
        ResponseEntity<Map> window = put("/api/catalog/series/" + seriesId + "/offer-window", Map.of("offerWindowMinutes", 0, "reason", "x"));
        assertThat(window.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(window.getBody()).containsEntry("type", "urn:kat:problem:invalid-offer-window").containsEntry("field", "offerWindowMinutes");
        ResponseEntity<Map> unknownSeries = post("/api/series/series-99999/waitlist", Map.of("clinician", clinician(newEmail())));
        assertThat(unknownSeries.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownSeries.getBody()).containsEntry("type", "urn:kat:problem:series-not-found");
        assertThat(eventCount()).isEqualTo(before);
    }
}
