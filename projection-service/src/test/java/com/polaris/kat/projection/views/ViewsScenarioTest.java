package com.polaris.kat.projection.views;

import com.polaris.kat.events.attendance.AttendanceCommands.Verification;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded;
import com.polaris.kat.events.attendance.AttendanceEvents.MakeUpBooked;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationCompleted;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.credit.CreditEvents.CreditApplied;
import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutFailed;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutSettled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.LateCancellationChoice;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;
import com.polaris.kat.projection.admin.ProjectionAdminController;
import com.polaris.kat.projection.streaming.ProjectionPositions;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A realistic history as the command side writes it: two series; a registration cancelled on time
 * whose payout fails and is then settled; a late refund; a late cancellation for credit that is
 * transferred; attendance with a correction and a make-up. Every view is checked to the cent and
 * hour, then rebuilt from the first event and compared row by row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewsScenarioTest extends ProjectionServiceTestBase {

    @Autowired
    ProjectionPositions positions;

    static final BigDecimal EIGHT = new BigDecimal("8");
    static final Money PRICE = Money.dollars(2100);
    static final Money CE = Money.dollars(75);
    static final Money WITH_CE = Money.ofCents(217_500);
    static final Money FEE_CE = Money.ofCents(6_338);
    static final Money FEE = Money.ofCents(6_120);
    static final Money ADMIN = Money.dollars(25);

    static SeriesClassDay day(String module, String date) {
        LocalDate d = LocalDate.parse(date);
        return new SeriesClassDay(module + "-" + date, module, "Title " + module, d, ProgramTime.startOf(d), ProgramTime.endOf(d), EIGHT);
    }

    static Clinician person(String name) {
        return new Clinician(name, name.toLowerCase().replace(' ', '.') + "@example.org", "Psychologist", "LIC-" + name.length(), "CA");
    }

    static RegistrationPlaced placed(String series, String reg, String clinician, String name, boolean ce, Money paid, Money fee, Money credit, String at) {
        Money due = ce ? WITH_CE : PRICE;
        return new RegistrationPlaced(series, reg, clinician, com.polaris.kat.projection.support.TestEvents.seal(clinician, reg, person(name)), ce, PRICE, CE, due, new Payment(paid, paid.isZero() ? null : "ch_" + reg, fee),
                credit, "v1", Instant.parse(at), 1, 3, "fp-" + reg, null);
    }

    static RefundDecision decision(String rule, String at, boolean onTime, LateCancellationChoice choice, Money cash, Money base,
                                   Money admin, Money fee, Money refund, Money credit) {
        return new RefundDecision("v1", rule, Instant.parse(at), Instant.parse("2023-10-10T16:00:00Z"), Instant.parse("2023-09-26T16:00:00Z"),
                onTime, choice, cash, Money.ZERO, base, admin, fee, refund, credit);
    }

    ModuleCeCreditEarned earned(String day, String module, String date) {
        return earned(day, module, date, EIGHT);
    }

    ModuleCeCreditEarned earned(String day, String module, String date, BigDecimal hours) {
        LocalDate d = LocalDate.parse(date);
        return new ModuleCeCreditEarned("series-20", "r1", "ada", module, "Title " + module, day, d, hours, ProgramTime.startOf(d),
                ProgramTime.endOf(d), ProgramTime.startOf(d), ProgramTime.endOf(d), null, 10, "rule");
    }

    @BeforeAll
    void history() {
        append("M1", new ModuleDefined("M1", "Title M1", EIGHT), "system:demo-loader");
        append("M2", new ModuleDefined("M2", "Title M2", EIGHT), "system:demo-loader");
        append("series-20", new SeriesScheduled("series-20", 20, 3, PRICE, CE, List.of(day("M1", "2023-10-10"), day("M2", "2023-11-09")), "v1"), "registrar");
        append("series-21", new SeriesScheduled("series-21", 21, 2, PRICE, CE, List.of(day("M1", "2023-10-17"), day("M2", "2023-11-16")), "v1"), "registrar");
        // compliance approves fewer hours for M2 between Series 20's M2 day (taught) and Series 21's (not yet)
        append("M2", new com.polaris.kat.events.catalog.CatalogEvents.ModuleCeHoursChanged("M2", EIGHT, new BigDecimal("7"), "breaks excluded",
                Instant.parse("2023-11-12T00:00:00Z")), "compliance-officer");
        for (String[] d : new String[][]{{"M1", "2023-10-10", "series-20"}, {"M2", "2023-11-09", "series-20"}, {"M1", "2023-10-17", "series-21"}, {"M2", "2023-11-16", "series-21"}}) {
            LocalDate date = LocalDate.parse(d[1]);
            append(d[0] + "-" + d[1], new ClassDayScheduled(d[0] + "-" + d[1], d[0], date, ProgramTime.startOf(date), ProgramTime.endOf(date), d[2]), "system:class-day-registry");
        }
        // Ada (CE) and Ben, Cy (CE) register for Series 20; Di for Series 21.
        append("series-20", placed("series-20", "r1", "ada", "Ada Lovelace", true, WITH_CE, FEE_CE, Money.ZERO, "2023-08-15T17:00:00Z"), "front-end");
        append("series-20", placed("series-20", "r2", "ben", "Ben Ng", false, PRICE, FEE, Money.ZERO, "2023-08-16T17:00:00Z"), "front-end");
        append("series-20", placed("series-20", "r3", "cy", "Cy Twombly", true, WITH_CE, FEE_CE, Money.ZERO, "2023-08-17T17:00:00Z"), "front-end");
        append("series-21", placed("series-21", "r4", "di", "Di Prima", false, PRICE, FEE, Money.ZERO, "2023-08-18T17:00:00Z"), "front-end");
        // Ben cancels on time: 2100.00 - 25.00 - 61.20 = 2013.80; the payout fails, then settles.
        append("series-20", new RegistrationCancelled("series-20", "r2", "ben", decision("ON_TIME_REFUND", "2023-09-01T18:00:00Z", true, null,
                PRICE, PRICE, ADMIN, FEE, Money.ofCents(201_380), Money.ZERO), "moved away", 2), "front-end");
        append("series-20", new RefundPayoutFailed("series-20", "r2", Money.ofCents(201_380), "card closed", 1, Instant.parse("2023-09-05T18:00:00Z")), "finance");
        append("series-20", new RefundPayoutSettled("series-20", "r2", Money.ofCents(201_380), "re_ben", 2, Instant.parse("2023-09-08T18:00:00Z")), "finance");
        // The processor returns it (card network), and it is paid again.
        append("series-20", new com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutReversed("series-20", "r2", Money.ofCents(201_380), "re_ben", 2,
                "returned by the card network", Instant.parse("2023-09-20T18:00:00Z")), "finance");
        append("series-20", new RefundPayoutSettled("series-20", "r2", Money.ofCents(201_380), "re_ben_2", 3, Instant.parse("2023-09-22T18:00:00Z")), "finance");
        // Cy cancels late for the half refund: half of 2175.00 = 1087.50; 1087.50 - 25.00 - 63.38 = 999.12.
        append("series-20", new RegistrationCancelled("series-20", "r3", "cy", decision("LATE_HALF_REFUND", "2023-10-01T18:00:00Z", false,
                LateCancellationChoice.REFUND, WITH_CE, Money.ofCents(108_750), ADMIN, FEE_CE, Money.ofCents(99_912), Money.ZERO), null, 1), "front-end");
        // Di cancels late for credit (2100.00) and transfers it into Series 20.
        append("series-21", new RegistrationCancelled("series-21", "r4", "di", decision("LATE_CREDIT", "2023-10-05T18:00:00Z", false,
                LateCancellationChoice.CREDIT, PRICE, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, PRICE), null, 0), "front-end");
        append("di", new CreditIssued("di", "cancellation:r4", PRICE, "series-21", "r4", PRICE, Instant.parse("2023-10-05T18:00:00Z")), "system:credit-issuer");
        append("series-20", placed("series-20", "r5", "di", "Di Prima", false, Money.ZERO, Money.ZERO, PRICE, "2023-10-06T18:00:00Z"), "front-end");
        append("di", new CreditApplied("di", PRICE, "series-20", "r5", Money.ZERO, Instant.parse("2023-10-06T18:00:00Z")), "front-end");
        // Series 21's waitlist (issue 18): the registrar keeps offers open a day; Eve's offer lapses, Fay accepts the next,
        // Gus still waits when registration closes.
        append("series-21", new com.polaris.kat.events.waitlist.WaitlistEvents.SeriesOfferWindowChanged("series-21",
                com.polaris.kat.events.waitlist.WaitlistEvents.SeriesOfferWindowChanged.DEFAULT_MINUTES, 1440, "a day is enough"), "admin");
        for (String[] w : new String[][]{{"w1", "eve"}, {"w2", "fay"}, {"w3", "gus"}}) {
            append("series-21", new com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistJoined("series-21", w[0], w[1],
                    com.polaris.kat.projection.support.TestEvents.seal(w[1], w[0], new com.polaris.kat.events.enrollment.Clinician(
                            "Person " + w[1], w[1] + "@example.org", "Nurse", "RN-" + w[1], "WA")), "fp-" + w[0], 1, Instant.parse("2023-09-01T18:00:00Z")),
                    "front-end");
        }
        append("series-21", new com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferMade("series-21", "o1", "w1", "eve", "SEAT_RELEASED",
                Instant.parse("2023-10-05T18:00:00Z"), Instant.parse("2023-10-07T18:00:00Z"), 1, 1, 2), "front-end");
        append("series-21", new com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferLapsed("series-21", "o1", "w1", "eve", "WINDOW_ENDED",
                Instant.parse("2023-10-07T18:00:00Z"), Instant.parse("2023-10-07T18:00:01Z")), "system:waitlist-deadline");
        append("series-21", new com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferMade("series-21", "o2", "w2", "fay", "OFFER_LAPSED",
                Instant.parse("2023-10-07T18:00:01Z"), Instant.parse("2023-10-09T18:00:01Z"), 1, 1, 2), "system:waitlist-deadline");
        append("series-21", new com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistOfferAccepted("series-21", "o2", "w2", "fay", "r6",
                Instant.parse("2023-10-08T18:00:00Z")), "front-end");
        append("series-21", new com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistClosed("series-21", 1, Instant.parse("2023-10-17T16:00:00Z"),
                Instant.parse("2023-10-17T16:00:00Z")), "system:waitlist-deadline");
        // Ada: M1 in full with evaluation; M2 earned, then a correction withdraws it; she makes M2 up on Series 21's day.
        append("series-20", new AttendanceRecorded("series-20", "r1", "ada", "M1-2023-10-10", "M1", ProgramTime.startOf(LocalDate.parse("2023-10-10")),
                ProgramTime.endOf(LocalDate.parse("2023-10-10")), null, Verification.PLATFORM_LOG), "attendance-staff");
        append("series-20", new ModuleEvaluationCompleted("series-20", "r1", "ada", "M1"), "attendance-staff");
        append("series-20", earned("M1-2023-10-10", "M1", "2023-10-10"), "attendance-staff");
        append("series-20", new AttendanceRecorded("series-20", "r1", "ada", "M2-2023-11-09", "M2", null, null, 470, Verification.STAFF_SIGN_IN), "attendance-staff");
        append("series-20", new ModuleEvaluationCompleted("series-20", "r1", "ada", "M2"), "attendance-staff");
        append("series-20", earned("M2-2023-11-09", "M2", "2023-11-09"), "attendance-staff");
        append("series-20", new AttendanceCorrected("series-20", "r1", "ada", "M2-2023-11-09", "M2", null, null, 300, Verification.STAFF_SIGN_IN,
                "sign-out sheet shows 13:00"), "attendance-staff");
        append("series-20", new ModuleCeCreditRevoked("series-20", "r1", "ada", "M2", "M2-2023-11-09", EIGHT, "sign-out sheet shows 13:00"), "attendance-staff");
        LocalDate makeUp = LocalDate.parse("2023-11-16");
        append("M2-2023-11-16", new com.polaris.kat.events.catalog.CatalogEvents.MakeUpPlacesSet("M2-2023-11-16", 0, 2), "registrar");
        append("series-20", new MakeUpBooked("series-20", "r1", "ada", "M2", "M2-2023-11-16", makeUp, ProgramTime.startOf(makeUp), ProgramTime.endOf(makeUp)), "registrar");
        append("series-20", new AttendanceRecorded("series-20", "r1", "ada", "M2-2023-11-16", "M2", ProgramTime.startOf(makeUp), ProgramTime.endOf(makeUp),
                null, Verification.PLATFORM_LOG), "attendance-staff");
        // the make-up day is taught after M2's change: 7 hours, where Ada's own M2 day (before it) is listed with 8
        LocalDate makeUpDay = LocalDate.parse("2023-11-16");
        append("series-20", new ModuleCeCreditEarned("series-20", "r1", "ada", "M2", "Title M2", "M2-2023-11-16", makeUpDay, new BigDecimal("7"),
                ProgramTime.startOf(makeUpDay), ProgramTime.endOf(makeUpDay), ProgramTime.startOf(makeUpDay), ProgramTime.endOf(makeUpDay),
                List.of(new com.polaris.kat.events.attendance.AttendanceSegment(ProgramTime.startOf(makeUpDay), ProgramTime.endOf(makeUpDay))),
                null, 0, 10, null, "rule", null,
                com.polaris.kat.events.catalog.CeHoursApproval.changedAt(Instant.parse("2023-11-12T00:00:00Z"))), "attendance-staff");
        // A participant report for the M1 day left two rows unmatched; one was set aside.
        append("M1-2023-10-10", new com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportImported("M1-2023-10-10", "b".repeat(64),
                "America/Los_Angeles", 4, 1, 0, 0, 2, List.of(8L, 9L), false, null), "attendance-staff");
        append("M1-2023-10-10", new com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportRowsIgnored("M1-2023-10-10", "b".repeat(64),
                List.of(9L), "the host's assistant"), "attendance-staff");
        // another report of the M1 day contradicted Ada's record by hand: its times kept beside the record, not applied
        append("series-20", new com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportSetAside("series-20", "r1", "ada", "M1-2023-10-10",
                "M1", "e".repeat(64), "America/Los_Angeles", List.of(new com.polaris.kat.events.attendance.AttendanceSegment(
                ProgramTime.startOf(LocalDate.parse("2023-10-10")).plusSeconds(600), ProgramTime.startOf(LocalDate.parse("2023-10-10")).plusSeconds(4 * 3600))),
                false, "participant report eeeeeeeeeeee read in America/Los_Angeles shows other times than staff's record by hand, which stands"),
                "attendance-staff");
        // the same file for the make-up day read in the wrong time zone, then in the right one: two imports
        for (String zone : List.of("America/New_York", "America/Los_Angeles")) {
            append("M2-2023-11-16", new com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportImported("M2-2023-11-16",
                    "c".repeat(64), zone, 2, zone.endsWith("York") ? 1 : 0, zone.endsWith("York") ? 0 : 1, 0, 0, List.of(), false, null), "attendance-staff");
        }
        // the same file in the same zone again, as another meeting of the day (staff add back times another report replaced)
        append("M2-2023-11-16", new com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportImported("M2-2023-11-16",
                "c".repeat(64), "America/Los_Angeles", 2, 0, 1, 0, 0, List.of(), true, 0, 1, false), "attendance-staff");
        long head = head();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProjectionAdminController.PROJECTIONS.stream()
                .allMatch(p -> positions.processedThrough(p) >= head));
    }

    @Test
    @Order(1)
    void seatAvailabilityCountsActiveRegistrationsOnly() {
        assertThat(get("/api/availability/series/series-20")).containsEntry("capacity", 3).containsEntry("taken", 2).containsEntry("free", 1)
                .containsEntry("soldOut", false).containsEntry("registration", "OPEN").containsEntry("schedule", "UPCOMING");
        assertThat(get("/api/availability/series/series-21")).containsEntry("taken", 0).containsEntry("free", 2);
        Map<String, Object> makeUpDay = get("/api/availability/class-days/M2-2023-11-16");
        // Room for make-ups is the make-up places (2) less those held (1); Series 21's unsold seats stay for sale.
        assertThat(makeUpDay).containsEntry("seats", 2).containsEntry("makeUpPlaces", 2).containsEntry("makeUpsBooked", 1)
                .containsEntry("expectedAttendees", 1).containsEntry("makeUpRoomLeft", 1)
                // 09:00-17:00 PST: the console offers its forms from the day's start as given here, not a copy of 09:00
                .containsEntry("startsAt", "2023-11-16T17:00:00Z").containsEntry("endsAt", "2023-11-17T01:00:00Z");
    }

    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void aClassDaysImportedReportsShowTheirCountsTheUnmatchedLinesStillOpenAndTheRowsSetAside() {
        Map<String, Object> page = get("/api/class-days/M1-2023-10-10/participant-reports");
        assertThat(page).containsEntry("totalItems", 1);
        Map<String, Object> report = ((List<Map<String, Object>>) page.get("items")).get(0);
        assertThat(report).containsEntry("sourceFileSha256", "b".repeat(64)).containsEntry("rows", 4).containsEntry("attendeesRecorded", 1)
                .containsEntry("rowsUnmatched", 2).containsEntry("unmatchedLinesOpen", List.of(8)).containsEntry("importedBy", "attendance-staff");
        assertThat((List<Map<String, Object>>) report.get("setAside")).singleElement().satisfies(s -> assertThat(s)
                .containsEntry("lines", List.of(9)).containsEntry("reason", "the host's assistant").containsEntry("setAsideBy", "attendance-staff"));
        assertThat(get("/api/class-days/M2-2023-11-09/participant-reports")).containsEntry("totalItems", 0);
        // one file read in two time zones is two imports, newest first (the key had kept only the first); read again in the
        // same zone as another meeting of the day, a third (the key (day, file, zone) had dropped it), which says so
        Map<String, Object> twoZones = get("/api/class-days/M2-2023-11-16/participant-reports");
        assertThat(twoZones).containsEntry("totalItems", 3);
        assertThat((List<Map<String, Object>>) twoZones.get("items"))
                .extracting(r -> r.get("timeZone"), r -> r.get("attendeesCorrected"), r -> r.get("addedToRecorded"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("America/Los_Angeles", 1, true),
                        org.assertj.core.groups.Tuple.tuple("America/Los_Angeles", 1, false), org.assertj.core.groups.Tuple.tuple("America/New_York", 0, false));
        // whom an import left as recorded, and whether it was asked to stand again (event revision 5; null before)
        assertThat((List<Map<String, Object>>) twoZones.get("items")).extracting(r -> r.get("attendeesSuperseded"), r -> r.get("reinstated"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, false), org.assertj.core.groups.Tuple.tuple(null, null),
                        org.assertj.core.groups.Tuple.tuple(null, null));
        assertThat(http.get().uri("/api/class-days/M9-2023-01-01/participant-reports").retrieve().toEntity(Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void theRosterShowsWhoIsExpectedAndTheirAttendance() {
        List<Map<String, Object>> m1 = (List<Map<String, Object>>) get("/api/class-days/M1-2023-10-10/roster").get("items");
        assertThat(m1).extracting(r -> r.get("registrationId")).containsExactly("r1", "r5");
        assertThat(m1.get(0)).containsEntry("attendance", "RECORDED").containsEntry("ceEarned", true);
        assertThat(m1.get(1)).containsEntry("attendance", "NOT_RECORDED");
        List<Map<String, Object>> makeUp = (List<Map<String, Object>>) get("/api/class-days/M2-2023-11-16/roster").get("items");
        assertThat(makeUp).singleElement().satisfies(r -> assertThat(r).containsEntry("registrationId", "r1").containsEntry("makeUp", true)
                .containsEntry("seriesNumber", 20).containsEntry("ceEarned", true));
        // Ada's own M2 day keeps her corrected attendance and withdrawn hours after she booked the make-up (a fresh reviewer's:
        // the booking had taken her off this roster, and her record and decision out of every staff view)
        List<Map<String, Object>> m2 = (List<Map<String, Object>>) get("/api/class-days/M2-2023-11-09/roster").get("items");
        assertThat(m2).extracting(r -> r.get("registrationId")).containsExactly("r1", "r5");
        // (her M2 hours were then earned on the make-up day: not this day's, so this day shows neither earned nor withdrawn)
        assertThat(m2.get(0)).containsEntry("attendance", "CORRECTED").containsEntry("makeUp", false).containsEntry("minutesPresent", 300)
                .containsEntry("ceEarned", false).containsEntry("ceWithdrawn", false);
    }

    @Test
    @Order(3)
    void theLedgerTotalsAddUpToTheCent() {
        Map<String, Object> t = get("/api/ledger/totals?from=2023-08-01&to=2023-11-01");
        assertThat(t).containsEntry("payments", "8550.00").containsEntry("refundsDecided", "3012.92").containsEntry("refundsPaid", "2013.80")
                .containsEntry("payoutsFailed", "2013.80").containsEntry("adminFeesKept", "50.00").containsEntry("processingFeesKept", "124.58")
                .containsEntry("retainedOnLateRefunds", "1087.50").containsEntry("creditIssued", "2100.00").containsEntry("creditApplied", "2100.00")
                .containsEntry("creditOutstandingAtEnd", "0.00");
        // For the three cancellations: cash 2100.00 + 2175.00 + 2100.00 = refunds + fees + retained + cash turned into credit.
        assertThat(new BigDecimal("3012.92").add(new BigDecimal("50.00")).add(new BigDecimal("124.58")).add(new BigDecimal("1087.50"))
                .add(new BigDecimal("2100.00"))).isEqualByComparingTo("6375.00");
        assertThat(t).containsEntry("payoutsReversed", "2013.80"); // Ben's first payout, returned and paid again
        Map<String, Object> sept = get("/api/ledger/totals?from=2023-09-01&to=2023-10-01&seriesId=series-20");
        assertThat(sept).containsEntry("payments", "0.00").containsEntry("refundsDecided", "2013.80");
        // a period holding the reversal alone: paid is negative, and the reversal says why (a fresh reviewer's was unexplained)
        Map<String, Object> returned = get("/api/ledger/totals?from=2023-09-15&to=2023-09-21");
        assertThat(returned).containsEntry("refundsPaid", "-2013.80").containsEntry("payoutsReversed", "2013.80");
    }

    @Test
    @Order(4)
    @SuppressWarnings("unchecked")
    void ledgerEntriesAreFilteredAndExportedAsSafeCsv() throws Exception {
        Map<String, Object> refunds = get("/api/ledger/entries?type=REFUND_DECIDED");
        assertThat(refunds).containsEntry("totalItems", 3);
        List<Map<String, Object>> items = (List<Map<String, Object>>) refunds.get("items");
        assertThat(items.get(1)).containsEntry("registrationId", "r3").containsEntry("amount", "999.12").containsEntry("rule", "LATE_HALF_REFUND")
                .containsEntry("policyVersion", "v1").containsEntry("adminFeeKept", "25.00").containsEntry("processingFeeKept", "63.38")
                .containsEntry("retained", "1087.50").containsEntry("actor", "front-end");
        // the refund's payout now: r2 failed, settled, reversed, settled again; r3 not paid yet; r4's late credit has no money to pay out
        assertThat(items).extracting(e -> e.get("registrationId") + ":" + e.get("payoutStatus"))
                .containsExactly("r2:SETTLED", "r3:PENDING", "r4:null");
        assertThat(((List<Map<String, Object>>) get("/api/ledger/entries?type=PAYOUT_FAILED").get("items")).get(0)).containsEntry("payoutStatus", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> reversal = ((List<Map<String, Object>>) get("/api/ledger/entries?type=PAYOUT_REVERSED").get("items")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> firstSettled = ((List<Map<String, Object>>) get("/api/ledger/entries?type=PAYOUT_SETTLED").get("items")).get(0);
        assertThat(reversal).containsEntry("reversesEntryId", firstSettled.get("entryId")).containsEntry("amount", "2013.80")
                .containsEntry("reference", "re_ben");
        String csv = http.get().uri("/api/ledger/entries.csv?type=PAYOUT_FAILED").retrieve().body(String.class);
        assertThat(csv).startsWith("\"entry_id\",\"position\",\"occurred_at\",\"entry_type\",").contains("\r\n").contains(",2013.80,")
                .contains(",\"attempt 1: card closed\",");
        // the refunds' payout status, as the JSON entries give it (a fresh reviewer's: the CSV had none)
        String refundsCsv = http.get().uri("/api/ledger/entries.csv?type=REFUND_DECIDED").retrieve().body(String.class);
        List<org.apache.commons.csv.CSVRecord> refundRows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .get().parse(new java.io.StringReader(refundsCsv)).getRecords();
        assertThat(refundRows).extracting(r -> r.get("payout_status")).containsExactly("SETTLED", "PENDING", "");
        assertThat(refundRows).extracting(r -> r.get("processing_fee_charged")).containsOnly("");
        assertThat(refundRows).extracting(r -> r.get("payouts_recorded")).as("as the JSON's payoutsRecorded")
                .containsExactlyElementsOf(((List<Map<String, Object>>) get("/api/ledger/entries?type=REFUND_DECIDED").get("items")).stream()
                        .map(e -> e.get("payoutsRecorded") == null ? "" : String.valueOf(e.get("payoutsRecorded"))).toList());
        // a payment keeps no fee: its row says the processor's fee it was charged (the column had summed to twice the totals)
        String paymentsCsv = http.get().uri("/api/ledger/entries.csv?type=PAYMENT_RECEIVED").retrieve().body(String.class);
        List<org.apache.commons.csv.CSVRecord> paymentRows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .get().parse(new java.io.StringReader(paymentsCsv)).getRecords();
        assertThat(paymentRows).isNotEmpty().allSatisfy(r -> assertThat(r.get("processing_fee_kept")).isEqualTo("0.00"))
                .extracting(r -> r.get("processing_fee_charged")).contains("63.38", "61.20").containsOnly("63.38", "61.20");
        assertThat(((List<Map<String, Object>>) get("/api/ledger/entries?type=PAYMENT_RECEIVED").get("items")))
                .allSatisfy(e -> assertThat(e).containsEntry("processingFeeKept", "0.00"))
                .extracting(e -> e.get("processingFeeCharged")).contains("63.38", "61.20").containsOnly("63.38", "61.20");
        ResponseEntity<Map> bad = http.get().uri("/api/ledger/entries?from=yesterday").retrieve().toEntity(Map.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) bad.getBody().get("detail")).contains("YYYY-MM-DD");
        // dates PostgreSQL cannot hold are refused, not a 500 (a fresh reviewer's from=-4714-11-24)
        for (String query : new String[]{"from=-4714-11-24T00:00:00Z", "from=-999999999-01-01T00:00:00Z", "to=+294277-01-01T00:00:00Z"}) {
            for (String path : new String[]{"/api/ledger/entries", "/api/ledger/totals", "/api/ledger/entries.csv"}) {
                ResponseEntity<Map> early = http.get().uri(path + "?" + query).accept(org.springframework.http.MediaType.APPLICATION_JSON,
                        org.springframework.http.MediaType.parseMediaType("text/csv")).retrieve().toEntity(Map.class);
                assertThat(early.getStatusCode()).as(path + "?" + query).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(early.getBody()).as(path + "?" + query).containsEntry("type", "urn:kat:problem:invalid-query")
                        .containsEntry("parameter", query.substring(0, query.indexOf('=')));
            }
        }
    }

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void creditBalanceWithItsHistory() {
        Map<String, Object> c = get("/api/credit/di");
        assertThat(c).containsEntry("balance", "0.00");
        assertThat((List<Map<String, Object>>) c.get("items")).extracting(h -> h.get("type") + " " + h.get("amount") + " -> " + h.get("balanceAfter"))
                .containsExactly("ISSUED 2100.00 -> 2100.00", "APPLIED 2100.00 -> 0.00");
        // no credit: a clinician a registration names, and an id none names (most likely mistyped), are told apart
        ResponseEntity<Map> ada = http.get().uri("/api/credit/ada?minPosition=" + head()).retrieve().toEntity(Map.class);
        assertThat(ada.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(ada.getBody()).containsEntry("detail", "No credit has been issued to clinician ada.");
        ResponseEntity<Map> typo = http.get().uri("/api/credit/adda?minPosition=" + head()).retrieve().toEntity(Map.class);
        assertThat(typo.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(typo.getBody()).containsEntry("type", "urn:kat:problem:clinician-not-found");
        assertThat((String) typo.getBody().get("detail")).startsWith("No registration or waitlist place names clinician adda and no credit has been issued to that id: check the id");
        assertThat(ada.getBody()).containsEntry("type", "urn:kat:problem:not-found");
        // a clinician only ever on a waitlist is known too (the clinician search finds them)
        ResponseEntity<Map> eve = http.get().uri("/api/credit/eve?minPosition=" + head()).retrieve().toEntity(Map.class);
        assertThat(eve.getBody()).containsEntry("type", "urn:kat:problem:not-found").containsEntry("detail", "No credit has been issued to clinician eve.");
    }

    @Test
    @Order(6)
    @SuppressWarnings("unchecked")
    void theTranscriptListsCompletedModulesWithHoursAndCorrectionsAndTheCertificateIsDue() {
        Map<String, Object> t = get("/api/transcripts/ada");
        List<Map<String, Object>> modules = (List<Map<String, Object>>) t.get("modulesCompleted");
        assertThat(modules).extracting(m -> m.get("moduleCode") + " " + m.get("date") + " " + m.get("ceHours") + " " + m.get("format"))
                .containsExactly("M1 2023-10-10 8.0 live interactive online", "M2 2023-11-16 7.0 live interactive online");
        assertThat(new BigDecimal(String.valueOf(t.get("totalHours")))).isEqualByComparingTo("15");
        // each module names the name and license it was earned under, as does each registration (a fresh reviewer: the transcript
        // put the latest registration's license over every module, against the certificate and the CE roster)
        Map<String, Object> ada = Map.of("fullName", "Ada Lovelace", "licenseNumber", "LIC-12", "licenseState", "CA");
        assertThat(modules).extracting(m -> m.get("participant")).containsOnly(ada);
        assertThat((List<Map<String, Object>>) t.get("registrations")).extracting(r -> r.get("participant")).containsOnly(ada);
        assertThat((List<Map<String, Object>>) t.get("history")).extracting(h -> h.get("change") + " " + h.get("moduleCode"))
                .containsExactly("HOURS_EARNED M1", "HOURS_EARNED M2", "ATTENDANCE_CORRECTED M2", "HOURS_WITHDRAWN M2", "HOURS_EARNED M2");
        // the correction says what it replaced and what it recorded (a transcript lists "the history of corrections", product
        // rules; the rows had given only the reason and who); other changes have neither
        Map<String, Object> correction = ((List<Map<String, Object>>) t.get("history")).get(2);
        assertThat(correction).containsEntry("attendanceBefore", Map.of("segments", List.of(), "minutesPresent", 470, "verification", "STAFF_SIGN_IN"))
                .containsEntry("attendanceAfter", Map.of("segments", List.of(), "minutesPresent", 300, "verification", "STAFF_SIGN_IN"));
        assertThat(((List<Map<String, Object>>) t.get("history")).get(0)).containsEntry("attendanceBefore", null).containsEntry("attendanceAfter", null);
        assertThat((List<Map<String, Object>>) t.get("registrations")).singleElement().satisfies(r -> assertThat(r).containsEntry("certificateDue", true));
        // every certificate issued, oldest first: the first withdrawn with M2's hours (and why), the second valid (a fresh
        // reviewer found no view where compliance could trace an issue and its withdrawal)
        List<Map<String, Object>> issued = (List<Map<String, Object>>) ((List<Map<String, Object>>) t.get("registrations")).get(0).get("certificates");
        assertThat(issued).extracting(c -> c.get("version") + " " + c.get("status")).containsExactly("1 WITHDRAWN", "2 VALID");
        assertThat((String) issued.get(0).get("withdrawnReason")).startsWith("hours of M2 withdrawn: ");
        assertThat(issued.get(0).get("withdrawnAt")).isNotNull();
        assertThat(issued.get(1).get("withdrawnAt")).isNull();
        // each module of the registration: the day attended on (M2 made up on Series 21's day), minutes, CE state and why
        List<Map<String, Object>> perModule = (List<Map<String, Object>>) ((List<Map<String, Object>>) t.get("registrations")).get(0).get("modules");
        assertThat(perModule).extracting(m -> m.get("moduleCode") + " " + m.get("classDayId") + " " + m.get("date") + " makeUp=" + m.get("makeUp")
                        + " " + m.get("attendance") + " " + m.get("minutesAttended") + " " + m.get("ce") + " (" + m.get("ceWhy") + ")")
                // why: the decision's rule, the totals it rests on, and the approval of hours that are not the series' own
                .containsExactly("M1 M1-2023-10-10 2023-10-10 makeUp=false RECORDED 480 EARNED (rule; 0 min away between segments)",
                        "M2 M2-2023-11-16 2023-11-16 makeUp=true RECORDED 480 EARNED (rule; 0 min away between segments; hours as changed for M2"
                                + " from 2023-11-12T00:00:00Z)");
        assertThat(perModule.get(0)).containsEntry("startsAt", "2023-10-10T16:00:00Z").containsEntry("evaluationCompleted", true);
        // each module's hours are those granted: M2's on its make-up day, after M2's change, not those of the series' own M2
        // day before it (a fresh reviewer's transcript row said 8 beside a certificate of 7)
        assertThat(perModule).extracting(m -> m.get("moduleCode") + " " + m.get("ceHours")).containsExactly("M1 8.0", "M2 7.0");
        // Cy registered with the CE option and cancelled before any class day; Di has no CE option
        List<Map<String, Object>> cy = (List<Map<String, Object>>) ((List<Map<String, Object>>) get("/api/transcripts/cy").get("registrations")).get(0).get("modules");
        assertThat(cy).extracting(m -> m.get("ce") + " " + m.get("minutesAttended") + " " + m.get("ceWhy"))
                .containsOnly("PENDING null attendance not recorded yet");
        assertThat((List<Map<String, Object>>) get("/api/transcripts/di").get("registrations")).flatExtracting(r -> (List<Map<String, Object>>) r.get("modules"))
                .extracting(m -> m.get("ce")).containsOnly("NO_CE_OPTION");
        Map<String, Object> cert = get("/api/certificates/r1");
        assertThat(cert).containsEntry("participant", "Ada Lovelace").containsEntry("licenseState", "CA").containsEntry("provider", "Polaris Insight Center")
                .containsEntry("format", "live interactive online");
        assertThat((String) cert.get("verificationCode")).matches("KAT-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}").isEqualTo(issued.get(1).get("verificationCode"));
        assertThat(cert).containsEntry("verificationUrl", "https://kat.example.org/verify/" + cert.get("verificationCode"));
        String csv = http.get().uri("/api/transcripts/ada.csv").retrieve().body(String.class);
        assertThat(csv).startsWith("\"program\",\"series\",\"module_code\",\"module_title\",\"date\",\"format\",\"ce_hours\",\"registration_id\","
                + "\"clinician_id\",\"full_name\",\"license_number\",\"license_state\"\r\n");
        assertThat(csv).contains("\"Ketamine Assisted Therapy Training for Clinicians\",\"Series 20\",\"M2\",\"Title M2\",\"2023-11-16\","
                + "\"live interactive online\",7.00,\"r1\",\"ada\",\"Ada Lovelace\",\"LIC-12\",\"CA\"\r\n");
        // the history as CSV: every decision and correction with its reason and who recorded it (a fresh reviewer: the CSV had
        // only where the hours stand now, so a withdrawal could not be traced from the export)
        ResponseEntity<String> history = http.get().uri("/api/transcripts/ada/history.csv").retrieve().toEntity(String.class);
        assertThat(history.getHeaders().getFirst("Content-Disposition")).isEqualTo("attachment; filename=\"ce-history-ada.csv\"");
        List<org.apache.commons.csv.CSVRecord> rows;
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVParser.parse(history.getBody(), org.apache.commons.csv.CSVFormat.RFC4180)) {
            rows = parser.getRecords();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(rows.get(0).toList()).containsExactly("occurred_at_utc", "series", "registration_id", "module_code", "class_day_id", "change",
                "ce_hours", "reason", "recorded_by", "clinician_id", "attendance_before", "attendance_after");
        assertThat(rows.subList(1, rows.size())).extracting(r -> String.join("|", r.toList().subList(1, r.size())))
                .containsExactly("Series 20|r1|M1|M1-2023-10-10|HOURS_EARNED|8.00|rule; 0 min away between segments|attendance-staff|ada||",
                        "Series 20|r1|M2|M2-2023-11-09|HOURS_EARNED|8.00|rule; 0 min away between segments|attendance-staff|ada||",
                        // each certificate issued or withdrawn, after the decision it followed from (a fresh reviewer's auditor
                        // found them in the transcript, not in its export)
                        "Series 20|r1|||CERTIFICATE_ISSUED|16.00|certificate " + issued.get(0).get("verificationCode") + " (version 1): every module"
                                + " of the series complete with the CE option|attendance-staff|ada||",
                        "Series 20|r1|M2|M2-2023-11-09|ATTENDANCE_CORRECTED||sign-out sheet shows 13:00|attendance-staff|ada"
                                + "|470 minutes present (STAFF_SIGN_IN)|300 minutes present (STAFF_SIGN_IN)",
                        "Series 20|r1|M2|M2-2023-11-09|HOURS_WITHDRAWN|8.00|sign-out sheet shows 13:00|attendance-staff|ada||",
                        "Series 20|r1|||CERTIFICATE_WITHDRAWN|16.00|certificate " + issued.get(0).get("verificationCode") + " (version 1): "
                                + issued.get(0).get("withdrawnReason") + "|attendance-staff|ada||",
                        // the approval the make-up day's 7 hours come from (the hours the series was scheduled with say nothing)
                        "Series 20|r1|M2|M2-2023-11-16|HOURS_EARNED|7.00|rule; 0 min away between segments; hours as changed for M2 from"
                                + " 2023-11-12T00:00:00Z|attendance-staff|ada||",
                        "Series 20|r1|||CERTIFICATE_ISSUED|15.00|certificate " + issued.get(1).get("verificationCode") + " (version 2): every module"
                                + " of the series complete with the CE option|attendance-staff|ada||");
        assertThat(rows.subList(1, rows.size())).extracting(r -> Instant.parse(r.get(0))).isSorted();
        assertThat(http.get().uri("/api/transcripts/nobody-known/history.csv").retrieve().toEntity(Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        // a registration without a certificate: one wording for the JSON and the PDF (a fresh reviewer's read two)
        List<Object> details = new ArrayList<>();
        for (String path : List.of("/api/certificates/r5", "/api/certificates/r5.pdf")) {
            ResponseEntity<Map> none = http.get().uri(path).header("Accept", "application/json, application/problem+json, application/pdf")
                    .retrieve().toEntity(Map.class);
            assertThat(none.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat((String) none.getBody().get("detail")).as(path).startsWith("No valid certificate exists for registration r5: one is"
                    + " due when every module of its series is complete with the CE option on a registration not cancelled, and a withdrawn"
                    + " one is not valid (its transcript says which).");
            details.add(none.getBody().get("detail"));
        }
        assertThat(details.get(1)).isEqualTo(details.get(0));
        // an id that never had a CE record: 404 for the CSV as for the transcript, not an empty file
        ResponseEntity<Map> unknownCsv = http.get().uri("/api/transcripts/nobody-known.csv").retrieve().toEntity(Map.class);
        assertThat(unknownCsv.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownCsv.getBody()).containsEntry("type", "urn:kat:problem:not-found");
    }

    @Test
    @Order(7)
    @SuppressWarnings("unchecked")
    void theAuditTrailShowsEveryEventOfARegistrationWithActorAndDecisionInputs() {
        Map<String, Object> trail = get("/api/audit/registrations/r3");
        List<Map<String, Object>> events = (List<Map<String, Object>>) trail.get("items");
        assertThat(events).extracting(e -> e.get("event")).containsExactly("RegistrationPlaced", "RegistrationCancelled");
        Map<String, Object> cancelled = events.get(1);
        assertThat(cancelled).containsEntry("actor", "front-end").containsKey("correlationId");
        Map<String, Object> decision = (Map<String, Object>) ((Map<String, Object>) cancelled.get("content")).get("decision");
        assertThat(decision).containsEntry("rule", "LATE_HALF_REFUND").containsEntry("cutoff", "2023-09-26T16:00:00Z")
                .containsEntry("cashPaid", Map.of("cents", 217500)).containsEntry("refundAmount", Map.of("cents", 99912));
        Map<String, Object> di = get("/api/audit/clinicians/di");
        assertThat((List<Map<String, Object>>) di.get("items")).extracting(e -> e.get("event"))
                .containsExactly("RegistrationPlaced", "RegistrationCancelled", "CreditIssued", "RegistrationPlaced", "CreditApplied");
        // a fresh reviewer's clinician trail ended at the cancellation: the payouts name only the registration, and belong to it
        Map<String, Object> ben = get("/api/audit/clinicians/ben");
        assertThat((List<Map<String, Object>>) ben.get("items")).extracting(e -> e.get("event"))
                .containsExactly("RegistrationPlaced", "RegistrationCancelled", "RefundPayoutFailed", "RefundPayoutSettled", "RefundPayoutReversed",
                        "RefundPayoutSettled");
        assertThat(ben).containsEntry("totalItems", 6);
        assertThat((List<Map<String, Object>>) get("/api/audit/clinicians/ben?size=2&page=1").get("items")).extracting(e -> e.get("event"))
                .containsExactly("RefundPayoutFailed", "RefundPayoutSettled");
    }

    @Test
    @Order(8)
    void pagesAreBoundedAndBadParametersAreProblems() {
        assertThat(http.get().uri("/api/class-days/M1-2023-10-10/roster?size=101").retrieve().toEntity(Map.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.get().uri("/api/ledger/entries?type=BRIBE").retrieve().toEntity(Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.get().uri("/api/registrations/r1?minPosition=abc").retrieve().toEntity(Map.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        // a position no command answered (beyond the store's last): refused after the wait, not "retry" for ever (a fresh reviewer)
        ResponseEntity<Map> ahead = http.get().uri("/api/registrations/r1?minPosition=" + (head() + 1000)).retrieve().toEntity(Map.class);
        assertThat(ahead.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ahead.getHeaders().getFirst("Retry-After")).isNull();
        assertThat(ahead.getBody()).containsEntry("type", "urn:kat:problem:invalid-query");
        assertThat((String) ahead.getBody().get("detail")).contains("beyond the last position of the event store");
        assertThat(get("/api/registrations/r1?minPosition=" + head())).containsEntry("status", "ACTIVE").containsEntry("paidCents", 217500)
                .containsEntry("clinicianId", "ada"); // the pseudonymous id the registration answered with, for its credit and transcript
    }

    /** A position in the store that the view has not reached within the wait: 503 projection-behind with Retry-After. */
    @Test
    @SuppressWarnings("rawtypes")
    void aViewBehindACommittedPositionIs503WithRetryAfter() {
        var catalog = positions.processor("catalog");
        catalog.shutDown();
        try {
            append("series-990", new SeriesScheduled("series-990", 990, 3, PRICE, CE, List.of(day("M1", "2023-12-04")), "v1"), "registrar");
            ResponseEntity<Map> behind = http.get().uri("/api/catalog/series/990?minPosition=" + head()).retrieve().toEntity(Map.class);
            assertThat(behind.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(behind.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(behind.getBody()).containsEntry("type", "urn:kat:problem:projection-behind");
        } finally {
            catalog.start();
        }
        assertThat(get("/api/catalog/series/990?minPosition=" + head())).containsEntry("seriesId", "series-990");
    }

    @Test
    @Order(9)
    void rebuildingEveryProjectionFromTheFirstEventGivesTheSameRowsAsBuildingThemIncrementally() {
        Map<String, List<Map<String, Object>>> before = snapshot();
        for (String p : ProjectionAdminController.PROJECTIONS) {
            assertThat(http.post().uri("/api/admin/projections/" + p + "/rebuild").retrieve().toEntity(Map.class).getStatusCode())
                    .isEqualTo(HttpStatus.ACCEPTED);
        }
        long head = head();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProjectionAdminController.PROJECTIONS.stream()
                .allMatch(p -> positions.processedThrough(p) >= head && !positions.processor(p).isReplaying()));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(before.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
    }

    @Test
    @Order(10)
    void deliveringTheWholeHistoryAgainToEveryProjectionChangesNothing() {
        Map<String, List<Map<String, Object>>> before = snapshot();
        List<org.axonframework.eventhandling.AnnotationEventHandlerAdapter> projections = context.getBeansWithAnnotation(org.axonframework.config.ProcessingGroup.class)
                .values().stream().map(org.axonframework.eventhandling.AnnotationEventHandlerAdapter::new).toList();
        int delivered = 0;
        try (var stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                org.axonframework.eventhandling.TrackedEventMessage<?> m = stream.nextAvailable();
                for (var p : projections) {
                    if (p.canHandle(m)) {
                        p.handle(m);
                        delivered++;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(delivered).isGreaterThan(60);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    private Map<String, List<Map<String, Object>>> snapshot() {
        return com.polaris.kat.projection.support.ProjectionTables.snapshot(jdbc);
    }
}
