package com.polaris.kat.enrollment.livesession;

import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.events.credit.CreditStreams;
import com.polaris.kat.events.livesession.LiveSessionStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One place per live session (docs/decisions.md), over HTTP against real PostgreSQL. A clinician with a seat in a series
 * held a second seat in another series sharing a class day (found by a fresh reviewer): one room, one session, and its CE
 * could count twice. Series A and B share class day {@code Q} on 2030-03-11; every test schedules its own modules, so its
 * days are its own.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class LiveSessionsHttpTest extends EnrollmentServiceTestBase {

    private static final AtomicInteger SERIES = new AtomicInteger(4600);

    @Autowired
    private com.polaris.kat.events.enrollment.ClinicianIds ids;
    @Autowired
    private org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    private String p;
    private String q;
    private String seriesA;
    private String seriesB;
    private String sharedDay;

    @BeforeEach
    void twoSeriesSharingOneClassDay() {
        clock.set("2030-01-01T00:00:00Z");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        p = "P" + suffix;
        q = "Q" + suffix;
        for (String module : List.of(p, q)) {
            assertThat(post("/api/catalog/modules", Map.of("code", module, "title", "Live session test module", "ceHours", 8)).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
        }
        seriesA = schedule(Map.of(p, "2030-03-04", q, "2030-03-11"));
        seriesB = schedule(Map.of(p, "2030-03-18", q, "2030-03-11"));
        sharedDay = q + "-2030-03-11";
    }

    private String schedule(Map<String, String> days) {
        return schedule(days, 5);
    }

    private String schedule(Map<String, String> days, int capacity) {
        int n = SERIES.incrementAndGet();
        List<Map<String, String>> classDays = new ArrayList<>();
        days.forEach((module, date) -> classDays.add(Map.of("module", module, "date", date)));
        ResponseEntity<Map> r = post("/api/catalog/series", Map.of("seriesNumber", n, "capacity", capacity, "priceCents", 210000, "ceOptionPriceCents", 7500,
                "classDays", classDays));
        assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.CREATED);
        return "series-" + n;
    }

    private static Map<String, Object> clinician(String email) {
        return Map.of("fullName", "Lee Session", "email", email, "profession", "Psychologist", "licenseNumber", "PSY-1", "licenseState", "CA");
    }

    private static Map<String, Object> registration(String email) {
        return Map.of("clinician", clinician(email), "ceOption", false,
                "payment", Map.of("amountPaidCents", 210000, "chargeReference", "ch_" + UUID.randomUUID(), "processingFeeCents", 6120));
    }

    private ResponseEntity<Map> register(String seriesId, String email) {
        return post("/api/series/" + seriesId + "/registrations", registration(email));
    }

    private static String email() {
        return "lee-" + UUID.randomUUID() + "@example.org";
    }

    /** The refusal names the holder's series, never its registration id (a front end may have sent someone else's address). */
    @SuppressWarnings("unchecked")
    private void assertHeldBy(ResponseEntity<Map> refused, String holderSeries, String holder, String... days) {
        assertThat(refused.getStatusCode()).as("%s", refused.getBody()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).containsEntry("type", "urn:kat:problem:class-day-already-held")
                .containsEntry("classDayIds", List.of(days)).doesNotContainKey("registrationId");
        assertThat((List<Map<String, Object>>) refused.getBody().get("heldThrough")).extracting(h -> h.get("classDayId"), h -> h.get("seriesId"))
                .containsExactlyElementsOf(java.util.Arrays.stream(days).map(d -> org.assertj.core.groups.Tuple.tuple(d, holderSeries)).toList());
        assertThat((String) refused.getBody().get("detail")).contains("in Series " + holderSeries.substring("series-".length()), "one live session");
        assertThat(refused.getBody().toString()).doesNotContain(holder);
    }

    /**
     * A clinician's first registration starts their live-sessions stream without reading it: their first data keys were
     * made in the same command, and no way to a place (registration, transfer, offer, make-up) passes without keys. A
     * stream there all the same (written here straight to the store, as no sale path can) meets the first attempt's
     * append at sequence 0: a write conflict, retried, and the retry reads the stream and refuses as ever. Nothing stays
     * behind: no seat, no second event, no data key.
     */
    @Test
    void aStreamThereBeforeTheCliniciansFirstKeysIsReadOnTheRetry(org.springframework.boot.test.system.CapturedOutput output) {
        String email = email();
        String clinicianId = ids.fromEmail(email);
        String elsewhere = UUID.randomUUID().toString();
        eventStore.publish(new org.axonframework.eventhandling.GenericDomainEventMessage<>("ClinicianLiveSessions",
                LiveSessionStreams.of(clinicianId), 0, new com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionsHeld(
                clinicianId, elsewhere, seriesA, Integer.parseInt(seriesA.substring("series-".length())), List.of(sharedDay),
                com.polaris.kat.events.livesession.LiveSessionEvents.HeldFor.SEAT, java.time.Instant.parse("2030-01-01T00:00:00Z"),
                List.of(java.time.LocalDate.parse("2030-03-11")))));
        long conflictsBefore = conflictLines(output);

        assertHeldBy(register(seriesB, email), seriesA, elsewhere, sharedDay);
        assertThat(conflictLines(output) - conflictsBefore).as("the first attempt appended unread, at sequence 0").isEqualTo(1);
        assertThat(eventTypes(LiveSessionStreams.of(clinicianId))).containsExactly("LiveSessionsHeld");
        assertThat(eventTypes(seriesB)).as("no seat was taken").containsExactly("SeriesScheduled");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data.data_key WHERE clinician_id = ?", Long.class, clinicianId))
                .as("the keys made for the refused registration were rolled back with it").isZero();

        // a series not sharing the day sells; its place is added to the stream as stored (sent with an Idempotency-Key, whose
        // claim takes the seal ahead of the aggregate: the other way to first keys)
        String seriesC = schedule(Map.of(p, "2030-04-01", q, "2030-04-08"));
        long conflictsBeforeC = conflictLines(output);
        ResponseEntity<Map> sold = http.post().uri("/api/series/" + seriesC + "/registrations").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(registration(email)).retrieve().toEntity(Map.class);
        assertThat(sold.getStatusCode()).as("%s", sold.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(conflictLines(output) - conflictsBeforeC).isEqualTo(1);
        assertThat(eventTypes(LiveSessionStreams.of(clinicianId))).containsExactly("LiveSessionsHeld", "LiveSessionsHeld");

        // a clinician's first registration with no stream before: started unread, no conflict
        long conflictsBeforeNew = conflictLines(output);
        String newcomer = email();
        assertThat(register(seriesB, newcomer).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(conflictLines(output)).isEqualTo(conflictsBeforeNew);
        assertThat(eventTypes(LiveSessionStreams.of(ids.fromEmail(newcomer)))).containsExactly("LiveSessionsHeld");
    }

    private static long conflictLines(org.springframework.boot.test.system.CapturedOutput output) {
        return output.getAll().lines().filter(l -> l.contains("Write conflict on RegisterForSeries")).count();
    }

    @Test
    void aSecondSeatOnASharedClassDayIsRefusedUntilTheFirstIsCancelled() {
        String email = email();
        ResponseEntity<Map> first = register(seriesA, email);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String holder = (String) first.getBody().get("registrationId");

        ResponseEntity<Map> second = register(seriesB, email);
        assertHeldBy(second, seriesA, holder, sharedDay);
        assertThat(eventTypes(seriesB)).as("no seat was taken").containsExactly("SeriesScheduled");
        String clinicianId = ids.fromEmail(email);
        assertThat(eventTypes(LiveSessionStreams.of(clinicianId))).containsExactly("LiveSessionsHeld");
        // another clinician takes a seat in B as ever
        assertThat(register(seriesB, email()).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        assertThat(post("/api/series/" + seriesA + "/registrations/" + holder + "/cancel", Map.of()).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(eventTypes(LiveSessionStreams.of(clinicianId))).containsExactly("LiveSessionsHeld", "LiveSessionsFreed");
        ResponseEntity<Map> after = register(seriesB, email);
        assertThat(after.getStatusCode()).as("%s", after.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(eventTypes(LiveSessionStreams.of(clinicianId))).containsExactly("LiveSessionsHeld", "LiveSessionsFreed", "LiveSessionsHeld");
        // and now A is the one refused, naming B's registration
        assertHeldBy(register(seriesA, email), seriesB, (String) after.getBody().get("registrationId"), sharedDay);
    }

    @Test
    void aSeriesWithNoSharedDayIsNotAffectedAndARepeatOfTheSameRequestStillAnswersTheFirstOutcome() {
        String seriesC = schedule(Map.of(p, "2030-04-01", q, "2030-04-08"));
        String email = email();
        Map<String, Object> body = registration(email);
        ResponseEntity<Map> first = http.post().uri("/api/series/" + seriesA + "/registrations").header("Idempotency-Key", "live-" + UUID.randomUUID())
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(Map.class);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(register(seriesC, email).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String registrationId = (String) first.getBody().get("registrationId");
        Map<String, Object> again = new java.util.HashMap<>(body);
        again.put("registrationId", registrationId);
        ResponseEntity<Map> repeat = post("/api/series/" + seriesA + "/registrations", again);
        assertThat(repeat.getStatusCode()).as("%s", repeat.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(eventTypes(LiveSessionStreams.of(ids.fromEmail(email)))).containsExactly("LiveSessionsHeld", "LiveSessionsHeld");
    }

    /** Two seats asked for at once, in two series sharing a day: exactly one is sold, every round. */
    @Test
    void twoSeatsAskedForAtOnceOnOneSharedDayOneIsSold() throws Exception {
        for (int round = 0; round < 5; round++) {
            String email = email();
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<ResponseEntity<Map>>> both = new ArrayList<>();
            for (String series : List.of(seriesA, seriesB)) {
                both.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return register(series, email);
                }));
            }
            go.countDown();
            List<HttpStatus> statuses = new ArrayList<>();
            for (CompletableFuture<ResponseEntity<Map>> f : both) {
                statuses.add((HttpStatus) f.get().getStatusCode());
            }
            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(HttpStatus.CREATED, HttpStatus.CONFLICT);
        }
        int sold = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN (?, ?) AND payload_type LIKE '%$SeatTaken'",
                Integer.class, seriesA, seriesB);
        assertThat(sold).isEqualTo(5);
    }

    /** Credit is not spent on a transfer refused for the shared day (product rules: "If that registration cannot happen, no credit is spent"). */
    @Test
    void aCreditTransferIntoASeriesSharingAHeldDayIsRefusedAndSpendsNothing() {
        String seriesC = schedule(Map.of(p, "2030-01-20"));
        String email = email();
        String inC = (String) register(seriesC, email).getBody().get("registrationId");
        String holder = (String) register(seriesA, email).getBody().get("registrationId");
        clock.set("2030-01-10T00:00:00Z"); // after C's cutoff: a late cancellation for credit
        ResponseEntity<Map> cancelled = post("/api/series/" + seriesC + "/registrations/" + inC + "/cancel", Map.of("choice", "CREDIT"));
        assertThat(cancelled.getBody()).containsEntry("rule", "LATE_CREDIT");
        String clinicianId = ids.fromEmail(email);

        ResponseEntity<Map> transfer = post("/api/credit/transfers", Map.of("seriesId", seriesB, "clinician", clinician(email), "ceOption", false));
        assertHeldBy(transfer, seriesA, holder, sharedDay);
        assertThat(eventTypes(CreditStreams.of(clinicianId))).as("no credit spent").containsExactly("CreditIssued");
        assertThat(eventTypes(seriesB)).containsExactly("SeriesScheduled");
    }

    /** A make-up on a day the clinician holds through another registration would be the same session twice. */
    @Test
    void aMakeUpOnADayHeldThroughAnotherRegistrationIsRefusedAndAnotherDayIsBooked() {
        String seriesD = schedule(Map.of(q, "2030-04-01", p, "2030-04-08"));
        String email = email();
        String holder = (String) register(seriesA, email).getBody().get("registrationId");
        String inD = (String) register(seriesD, email).getBody().get("registrationId");
        assertThat(put("/api/catalog/class-days/" + sharedDay + "/make-up-places", Map.of("places", 2)).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<Map> refused = post("/api/series/" + seriesD + "/registrations/" + inD + "/make-ups", Map.of("moduleCode", q, "classDayId", sharedDay));
        assertHeldBy(refused, seriesA, holder, sharedDay);
        assertThat(eventTypes(sharedDay)).doesNotContain("ClassDayMakeUpTaken");
        assertThat(eventTypes(inD)).doesNotContain("MakeUpBooked");

        // another clinician of D takes the make-up place on the day; when it is cancelled, the day is theirs to hold again
        String other = email();
        String otherInD = (String) register(seriesD, other).getBody().get("registrationId");
        assertThat(post("/api/series/" + seriesD + "/registrations/" + otherInD + "/make-ups", Map.of("moduleCode", q, "classDayId", sharedDay))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertHeldBy(register(seriesB, other), seriesD, otherInD, sharedDay);
        assertThat(post("/api/series/" + seriesD + "/registrations/" + otherInD + "/make-ups/" + q + "/cancellation", Map.of("reason", "changed plans"))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(eventTypes(LiveSessionStreams.of(ids.fromEmail(other))))
                .containsExactly("LiveSessionsHeld", "LiveSessionsHeld", "LiveSessionsFreed");
        assertThat(register(seriesB, other).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    /** The waitlist of a series sharing a held day is joined (the other seat may be cancelled by then); its offer's acceptance is refused. */
    @Test
    void aWaitlistOfferOnASharedHeldDayIsRefusedOnAcceptanceAndTheSeatStaysHeldForTheOffer() throws Exception {
        String seriesE = schedule(Map.of(p, "2030-03-25", q, "2030-03-11"), 1);
        String email = email();
        String holder = (String) register(seriesA, email).getBody().get("registrationId");
        String seated = (String) register(seriesE, email()).getBody().get("registrationId");
        ResponseEntity<Map> joined = post("/api/series/" + seriesE + "/waitlist", Map.of("clinician", clinician(email)));
        assertThat(joined.getStatusCode()).as("%s", joined.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/series/" + seriesE + "/registrations/" + seated + "/cancel", Map.of()).getStatusCode()).isEqualTo(HttpStatus.OK);
        String made = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%$WaitlistOfferMade'", String.class, seriesE);
        String offer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(made).get("offerId").asText();

        ResponseEntity<Map> accepted = post("/api/series/" + seriesE + "/waitlist-offers/" + offer + "/accept", registration(email));
        assertHeldBy(accepted, seriesA, holder, sharedDay);
        // helper-151's: the advice is the offer's (it holds a seat in this series only), not "choose a series"
        assertThat((String) accepted.getBody().get("detail")).endsWith("Cancel that registration first and accept the offer while its seat "
                + "is held, or decline the offer so the seat goes to the next clinician waiting.").doesNotContain("choose a series");
        assertThat(eventTypes(seriesE)).as("the seat stays held for the offer").doesNotContain("WaitlistOfferAccepted")
                .filteredOn("SeatTaken"::equals).hasSize(1);
    }

    /**
     * A fresh reviewer's: a make-up given back because its module was then attended in full on the series' own day kept the
     * clinician's place on the make-up's day, and no cancellation could free it (the make-up was no longer booked).
     */
    @Test
    void aMakeUpGivenBackAfterTheModuleIsAttendedInFullFreesTheDay() {
        String seriesD = schedule(Map.of(q, "2030-03-04", p, "2030-03-25"));
        String email = email();
        String inD = (String) register(seriesD, email).getBody().get("registrationId");
        assertThat(put("/api/catalog/class-days/" + sharedDay + "/make-up-places", Map.of("places", 2)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post("/api/series/" + seriesD + "/registrations/" + inD + "/make-ups", Map.of("moduleCode", q, "classDayId", sharedDay))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertHeldBy(register(seriesB, email), seriesD, inD, sharedDay);

        clock.set("2030-03-05T02:00:00Z"); // after the own day, 09:00-17:00 PST on 2030-03-04
        ResponseEntity<Map> attended = post("/api/series/" + seriesD + "/registrations/" + inD + "/attendance", Map.of("classDayId", q + "-2030-03-04",
                "joinedAt", "2030-03-04T17:00:00Z", "leftAt", "2030-03-05T01:00:00Z", "verification", "PLATFORM_LOG"));
        assertThat(attended.getStatusCode()).as("%s", attended.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(eventTypes(inD)).contains("MakeUpCancelled");
        assertThat(eventTypes(LiveSessionStreams.of(ids.fromEmail(email)))).containsExactly("LiveSessionsHeld", "LiveSessionsHeld", "LiveSessionsFreed");
        ResponseEntity<Map> registered = register(seriesB, email);
        assertThat(registered.getStatusCode()).as("%s", registered.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    /**
     * A fresh reviewer's: a clinician in a series teaching one module on a date registered in another teaching another module
     * that date, two live days at one hour (every class day runs 09:00-17:00 Pacific). Refused; once the first day moves to
     * another date, it is no longer in the way.
     */
    @Test
    void anotherClassDayOnADateAlreadyHeldIsRefusedUntilTheHeldDayMovesAway() {
        String seriesF = schedule(Map.of(q, "2030-03-04", p, "2030-04-22")); // Q on the date of A's P day
        String email = email();
        String holder = (String) register(seriesA, email).getBody().get("registrationId");
        ResponseEntity<Map> refused = register(seriesF, email);
        assertThat(refused.getStatusCode()).as("%s", refused.getBody()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).containsEntry("type", "urn:kat:problem:date-already-held")
                .containsEntry("classDayIds", List.of(q + "-2030-03-04"))
                .containsEntry("heldThrough", List.of(Map.of("classDayId", p + "-2030-03-04", "date", "2030-03-04", "seriesId", seriesA, "heldFor", "SEAT")));
        assertThat(refused.getBody().toString()).doesNotContain(holder);
        assertThat(eventTypes(seriesF)).containsExactly("SeriesScheduled");

        ResponseEntity<Map> moved = post("/api/catalog/class-days/" + p + "-2030-03-04/move", Map.of("newDate", "2030-02-25", "reason", "instructor ill"));
        assertThat(moved.getStatusCode()).as("%s", moved.getBody()).isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> registered = register(seriesF, email);
        assertThat(registered.getStatusCode()).as("%s", registered.getBody()).isEqualTo(HttpStatus.CREATED);

        // a fresh reviewer's: the moved day blocks the date it runs on now (it had kept its old date, and a seat there was sold)
        String seriesH = schedule(Map.of(q, "2030-02-25", p, "2030-05-06"));
        ResponseEntity<Map> onTheNewDate = register(seriesH, email);
        assertThat(onTheNewDate.getStatusCode()).as("%s", onTheNewDate.getBody()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(onTheNewDate.getBody()).containsEntry("type", "urn:kat:problem:date-already-held")
                .containsEntry("heldThrough", List.of(Map.of("classDayId", p + "-2030-03-04", "date", "2030-02-25", "seriesId", seriesA, "heldFor", "SEAT")));
    }

    /** A move that would give one of the day's clinicians two live days on the new date is refused, naming them; nothing moves. */
    @Test
    void aMoveOntoADateAClinicianOfTheDayHoldsIsRefused() {
        String seriesG = schedule(Map.of(q, "2030-04-15", p, "2030-04-22"));
        String email = email();
        String inA = (String) register(seriesA, email).getBody().get("registrationId");
        String inG = (String) register(seriesG, email).getBody().get("registrationId");
        ResponseEntity<Map> moved = post("/api/catalog/class-days/" + p + "-2030-03-04/move", Map.of("newDate", "2030-04-15", "reason", "room"));
        assertThat(moved.getStatusCode()).as("%s", moved.getBody()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(moved.getBody()).containsEntry("type", "urn:kat:problem:date-already-held").containsEntry("field", "newDate");
        assertThat((String) moved.getBody().get("detail")).contains("registration " + inA, "registration " + inG, "Nothing was moved");
        // the registrar gets the places in the way as members too (staff may see registration ids)
        assertThat(moved.getBody()).containsEntry("heldThrough", List.of(Map.of("classDayId", q + "-2030-04-15", "date", "2030-04-15",
                "registrationId", inG, "seriesId", seriesG, "heldFor", "SEAT", "movingRegistrationId", inA, "movingSeriesId", seriesA)));
        assertThat(eventTypes(p + "-2030-03-04")).doesNotContain("ClassDayMoved");
        assertThat(eventTypes(seriesA)).doesNotContain("SeriesClassDayRescheduled");
        // another date is fine, and the clinician's stream records it
        assertThat(post("/api/catalog/class-days/" + p + "-2030-03-04/move", Map.of("newDate", "2030-04-16", "reason", "room")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(eventTypes(LiveSessionStreams.of(ids.fromEmail(email)))).containsExactly("LiveSessionsHeld", "LiveSessionsHeld", "LiveSessionMoved");
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%$LiveSessionMoved'", String.class, LiveSessionStreams.of(ids.fromEmail(email))))
                .contains("\"reason\":\"room\"", "\"toDate\":\"2030-04-16\"");
    }
}
