package com.polaris.kat.projection.registrations;

import com.polaris.kat.events.catalog.CatalogEvents.ClassDayMoved;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDayRescheduled;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;
import com.polaris.kat.projection.admin.ProjectionAdminController;
import com.polaris.kat.projection.streaming.ProjectionPositions;
import com.polaris.kat.projection.support.ProjectionServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sold seat's on-time cancellation cutoff in the registration's view: the instant a cancellation asked for now would be
 * judged by (refund policy v1, product rules), counted from the first class day as it stood at the sale when the program
 * has since moved it earlier, until the series starts. The test clock reads 2023-09-01T00:00:00Z.
 */
@TestPropertySource(properties = "kat.test.context=registration-cutoff") // a database of its own
class RegistrationCutoffViewTest extends ProjectionServiceTestBase {

    @Autowired
    ProjectionPositions positions;

    private static final BigDecimal EIGHT = new BigDecimal("8");
    private static final Money PRICE = Money.dollars(2100);

    private static SeriesClassDay day(String module, LocalDate date) {
        return new SeriesClassDay(module + "-" + date, module, "Title " + module, date, ProgramTime.startOf(date), ProgramTime.endOf(date), EIGHT);
    }

    private static RegistrationPlaced placed(String series, String reg, LocalDate firstDayAtSale) {
        return new RegistrationPlaced(series, reg, "c-" + reg, com.polaris.kat.projection.support.TestEvents.seal("c-" + reg, reg,
                new Clinician("Person " + reg, reg + "@example.org", "Psychologist", "LIC-" + reg, "CA")), false, PRICE, Money.dollars(75),
                PRICE, new Payment(PRICE, "ch_" + reg, Money.ofCents(6_120)), Money.ZERO, "v1",
                Instant.parse("2023-08-20T17:00:00Z"), 1, 10, "fp-" + reg, firstDayAtSale);
    }

    /** Moves a series' first class day to {@code to}, as the class day's and the series' streams record it. */
    private void move(String series, String module, LocalDate from, LocalDate to) {
        String id = module + "-" + from;
        append(id, new ClassDayMoved(id, module, from, to, ProgramTime.startOf(to), ProgramTime.endOf(to), List.of(series), "trainer ill"), "admin");
        append(series, new SeriesClassDayRescheduled(series, id, module, from, to, ProgramTime.startOf(to), ProgramTime.endOf(to), "trainer ill"), "admin");
    }

    private void schedule(String series, int number, LocalDate m1, LocalDate m2) {
        append(series, new SeriesScheduled(series, number, 10, PRICE, Money.dollars(75), List.of(day("M1", m1), day("M2", m2)), "v1"), "registrar");
        append("M1-" + m1, new ClassDayScheduled("M1-" + m1, "M1", m1, ProgramTime.startOf(m1), ProgramTime.endOf(m1), series), "system:class-day-registry");
        append("M2-" + m2, new ClassDayScheduled("M2-" + m2, "M2", m2, ProgramTime.startOf(m2), ProgramTime.endOf(m2), series), "system:class-day-registry");
    }

    @Test
    void aSeatSoldBeforeItsFirstClassDayMovedEarlierShowsItsSalesLaterCutoffUntilTheSeriesStarts() {
        append("M1", new ModuleDefined("M1", "Title M1", EIGHT), "system:demo-loader");
        append("M2", new ModuleDefined("M2", "Title M2", EIGHT), "system:demo-loader");
        // Series 41 first meets on 2023-10-24; seats sold then, one of them before revision 3 recorded the day at sale
        LocalDate sold = LocalDate.parse("2023-10-24");
        schedule("series-41", 41, sold, LocalDate.parse("2023-11-20"));
        append("series-41", placed("series-41", "r41-kept", sold), "front-end");
        append("series-41", placed("series-41", "r41-unrecorded", null), "front-end");
        append("series-41", placed("series-41", "r41-cancelled", sold), "front-end");
        Instant requested = Instant.parse("2023-08-25T17:00:00Z");
        append("series-41", new RegistrationCancelled("series-41", "r41-cancelled", "c-r41-cancelled", new RefundDecision("v1", "ON_TIME_REFUND",
                requested, ProgramTime.startOf(sold), Instant.parse("2023-10-10T16:00:00Z"), true, null, PRICE, Money.ZERO, PRICE,
                Money.dollars(25), Money.ofCents(6_120), Money.ofCents(201_380), Money.ZERO), null, 2, null), "front-end");
        // the program brings the first day forward three weeks, to 2023-10-03
        move("series-41", "M1", sold, LocalDate.parse("2023-10-03"));
        // Series 42 first met on 2023-09-28 when its seat was sold; brought forward to 2023-08-31, it has started by the clock
        LocalDate sold42 = LocalDate.parse("2023-09-28");
        schedule("series-42", 42, sold42, LocalDate.parse("2023-10-26"));
        append("series-42", placed("series-42", "r42", sold42), "front-end");
        move("series-42", "M1", sold42, LocalDate.parse("2023-08-31"));
        long head = head();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProjectionAdminController.PROJECTIONS.stream()
                .allMatch(p -> positions.processedThrough(p) >= head));

        // a registration made now counts from the moved day: 09:00 PDT on 2023-09-19
        assertThat(get("/api/catalog/series/41")).containsEntry("firstDay", "2023-10-03")
                .containsEntry("onTimeCancellationUntil", "2023-09-19T16:00:00Z");
        // the seat sold before the move keeps its sale's cutoff, 09:00 PDT on 2023-10-10, as the refund decision would
        assertThat(get("/api/registrations/r41-kept")).containsEntry("status", "ACTIVE").containsEntry("refundPolicyVersion", "v1")
                .containsEntry("onTimeCancellationUntil", "2023-10-10T16:00:00Z");
        // a sale that did not record its day counts from the day as it stands, as the refund decision reads it
        assertThat(get("/api/registrations/r41-unrecorded")).containsEntry("onTimeCancellationUntil", "2023-09-19T16:00:00Z");
        // a cancelled registration has no cutoff ahead of it: its refund rule says how it was judged
        assertThat(get("/api/registrations/r41-cancelled")).containsEntry("status", "CANCELLED").containsEntry("refundRule", "ON_TIME_REFUND")
                .containsEntry("onTimeCancellationUntil", null);
        // once the series has started, its actual first day governs: 09:00 PDT on 2023-08-17, passed
        assertThat(get("/api/registrations/r42")).containsEntry("onTimeCancellationUntil", "2023-08-17T16:00:00Z");
    }
}
