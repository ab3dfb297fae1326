package com.polaris.kat.projection.support;

import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.LateCancellationChoice;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Events as the command side writes them, for tests that append to the store directly. */
public final class TestEvents {

    private TestEvents() {
    }

    private static com.polaris.kat.eventstore.personal.PersonalDataVault vault;

    /** The vault of the running test's context ({@link ProjectionServiceTestBase} sets it): events are sealed as the command side seals them. */
    public static void sealWith(com.polaris.kat.eventstore.personal.PersonalDataVault v) {
        vault = v;
    }

    /** The clinician sealed for the registration, with data keys made in the test's database, as the enrollment service does. */
    public static com.polaris.kat.events.enrollment.SealedClinician seal(String clinicianId, String registrationId, Clinician person) {
        return vault.seal(clinicianId, registrationId, person, Instant.parse("2023-08-15T17:00:00Z"));
    }

    /** A class day of {@code module} on {@code date} (ISO), 09:00–17:00 Pacific, 8 CE hours. */
    public static SeriesClassDay day(String module, String date) {
        LocalDate d = LocalDate.parse(date);
        return new SeriesClassDay(module + "-" + date, module, "Title " + module, d, ProgramTime.startOf(d), ProgramTime.endOf(d), new BigDecimal("8"));
    }

    /** A registration without the CE option, paid in full ({@code price}, fee 0) by card. */
    public static RegistrationPlaced placed(String series, String registration, String clinician, Money price) {
        Clinician person = new Clinician("Person " + clinician, clinician + "@example.org", "Psychologist", "LIC-" + clinician, "CA");
        return new RegistrationPlaced(series, registration, clinician, seal(clinician, registration, person), false, price, Money.ZERO, price,
                new Payment(price, "ch_" + registration, Money.ZERO), Money.ZERO, "v1", Instant.parse("2023-08-15T17:00:00Z"), 1, 10,
                "fp-" + registration, null);
    }

    /** A late cancellation for credit of the full amount paid ({@code paid}). */
    public static RefundDecision lateCredit(Money paid) {
        return new RefundDecision("v1", "LATE_CREDIT", Instant.parse("2023-10-05T18:00:00Z"), Instant.parse("2023-10-10T16:00:00Z"),
                Instant.parse("2023-09-26T16:00:00Z"), false, LateCancellationChoice.CREDIT, paid, Money.ZERO, Money.ZERO, Money.ZERO,
                Money.ZERO, Money.ZERO, paid);
    }
}
