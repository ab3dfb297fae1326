package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.attendance.CeCreditRule;
import com.polaris.kat.enrollment.support.Fixtures;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.EnrollmentEvents.SeatReleased;
import com.polaris.kat.events.enrollment.EnrollmentEvents.SeatTaken;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Series 20 as the training page dates it, and registrations for it (the seat on the series' stream, the sale on the registration's). */
public final class SeriesTestData {

    public static final Money PRICE = Money.dollars(2100);
    public static final Money CE = Money.dollars(75);
    public static final Money DUE_WITH_CE = Money.ofCents(217_500);
    public static final Money FEE = Money.ofCents(6_338);
    public static final Instant REGISTERED_AT = Instant.parse("2023-08-15T18:00:00Z");
    /** Series 20's cutoff: 09:00 PDT on September 26, 2023. */
    public static final Instant CUTOFF = Instant.parse("2023-09-26T16:00:00Z");

    private SeriesTestData() {
    }

    public static AggregateTestFixture<Series> fixtureAt(String instant) {
        return fixtureAt(Fixtures.clockAt(instant));
    }

    public static AggregateTestFixture<Series> fixtureAt(Clock clock) {
        return fixtureAt(clock, new StartedRegistrations());
    }

    public static AggregateTestFixture<Series> fixtureAt(String instant, StartedRegistrations started) {
        return fixtureAt(Fixtures.clockAt(instant), started);
    }

    public static AggregateTestFixture<Series> fixtureAt(Clock clock, StartedRegistrations started) {
        AggregateTestFixture<Series> f = new AggregateTestFixture<>(Series.class);
        f.registerInjectableResource(started);
        f.registerInjectableResource(Fixtures.MODULE_CATALOG);
        f.registerInjectableResource(Fixtures.SESSIONS);
        f.registerInjectableResource(new ClassDaysHeld());
        f.registerInjectableResource(clock);
        f.registerInjectableResource(new CeCreditRule(CeCreditRule.DEFAULT_GRACE_MINUTES));
        f.registerInjectableResource(new SoldOutSeries(f.getEventStore()));
        f.registerInjectableResource(Fixtures.SEALING);
        return f;
    }

    /** Records the registration streams a seat sale starts (instead of Axon's registration repository). */
    public static final class StartedRegistrations implements RegistrationStreams {
        public final List<RegistrationPlaced> started = new java.util.ArrayList<>();

        @Override
        public void start(RegistrationPlaced placed) {
            started.add(placed);
        }

        /** The class days each registration's seat held for its clinician, by registration id. */
        public final java.util.Map<String, List<String>> classDaysHeld = new java.util.LinkedHashMap<>();

        @Override
        public void holdClassDays(String clinicianId, String registrationId, String seriesId, int seriesNumber,
                                  java.util.SortedMap<String, java.time.LocalDate> classDays, boolean acceptingAnOffer, Instant at) {
            classDaysHeld.put(registrationId, List.copyOf(classDays.keySet()));
        }

        /** The fixture's stand-in for the vault (aggregate tests have no database): names what was sealed for whom. */
        @Override
        public com.polaris.kat.events.enrollment.SealedClinician seal(String clinicianId, String registrationId, Clinician clinician,
                                                                      Instant at) {
            return sealed(clinicianId);
        }

        /** Erasure requests by clinician id (UTC), as tests set them. */
        public final java.util.Map<String, Instant> erasures = new java.util.HashMap<>();

        @Override
        public java.util.Optional<Instant> erasureRequestedAt(String clinicianId) {
            return java.util.Optional.ofNullable(erasures.get(clinicianId));
        }
    }

    /** Series 20's schedule as its SeriesScheduled event has it. */
    public static SeriesSchedule schedule20() {
        return new SeriesSchedule("series-20", 20, series20(30).classDays(), com.polaris.kat.enrollment.catalog.CeHoursApprovals.AS_SCHEDULED);
    }

    public static SeatTaken taken(String registrationId, int clinician, int seatsAfter, int capacity) {
        return new SeatTaken("series-20", registrationId, "clin-" + clinician, "fp-" + registrationId, seatsAfter, capacity, REGISTERED_AT);
    }

    public static SeatReleased released(String registrationId, int clinician, int seatsAfter, int capacity, Instant at) {
        return new SeatReleased("series-20", registrationId, "clin-" + clinician, seatsAfter, capacity, at);
    }

    public static SeriesClassDay day(String module, String date) {
        LocalDate d = LocalDate.parse(date);
        return new SeriesClassDay(module + "-" + date, module, Fixtures.MODULES.get(module).title(), d,
                ProgramTime.startOf(d), ProgramTime.endOf(d), Fixtures.EIGHT);
    }

    public static SeriesScheduled series20(int capacity) {
        return new SeriesScheduled("series-20", 20, capacity, PRICE, CE, List.of(
                day("M1", "2023-10-10"), day("M2", "2023-11-09"), day("PRACTICE", "2023-11-10"),
                day("M4", "2023-11-13"), day("M5", "2023-12-13"), day("M3", "2023-12-18")), "v1");
    }

    /** What {@link StartedRegistrations#seal} gives for a clinician. */
    public static com.polaris.kat.events.enrollment.SealedClinician sealed(String clinicianId) {
        return new com.polaris.kat.events.enrollment.SealedClinician("contact-key-" + clinicianId, "sealed-contact",
                "identity-key-" + clinicianId, "sealed-identity", null);
    }

    public static Clinician clinician(int n) {
        return new Clinician("Clinician " + n, "c" + n + "@example.org", "Psychologist", "PSY" + n, "CA");
    }

    public static Payment cardPayment(Money amount) {
        return new Payment(amount, "ch_" + amount.cents(), FEE);
    }

    public static RegisterForSeries register(String registrationId, int clinician, boolean ce) {
        return new RegisterForSeries("series-20", registrationId, "clin-" + clinician, clinician(clinician), ce,
                cardPayment(ce ? DUE_WITH_CE : PRICE), Money.ZERO, "fp-" + registrationId);
    }

    public static RegistrationPlaced placed(String registrationId, int clinician, boolean ce, int seatsAfter, int capacity) {
        return placed(registrationId, clinician, ce, seatsAfter, capacity, Money.ZERO);
    }

    public static RegistrationPlaced placed(String registrationId, int clinician, boolean ce, int seatsAfter, int capacity, Money credit) {
        Money due = ce ? DUE_WITH_CE : PRICE;
        return new RegistrationPlaced("series-20", registrationId, "clin-" + clinician, sealed("clin-" + clinician), ce, PRICE, CE,
                due, cardPayment(due.minus(credit)), credit, "v1", REGISTERED_AT, seatsAfter, capacity, "fp-" + registrationId,
                LocalDate.parse("2023-10-10"));
    }

    /** Class days as a series' capacity change holds its seats on them: records "dayId seriesId seats". */
    static final class ClassDaysHeld implements com.polaris.kat.enrollment.classday.ClassDayPlaces {
        final List<String> held = new java.util.ArrayList<>();

        @Override
        public List<com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay> find(
                java.util.Collection<com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay> planned) {
            return List.copyOf(planned);
        }

        @Override
        public void use(java.util.Collection<com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay> days, String seriesId, int seats) {
            days.forEach(d -> held.add(d.classDayId() + " " + seriesId + " " + seats));
        }

        @Override
        public void holdSeats(java.util.Collection<String> classDayIds, String seriesId, int seats) {
            classDayIds.forEach(d -> held.add(d + " " + seriesId + " " + seats));
        }

        @Override
        public void release(java.util.Collection<String> classDayIds, String clinicianId, String registrationId, String reason,
                                java.time.Instant at) {
        }
    }
}
