package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.attendance.CeCreditRule;
import com.polaris.kat.enrollment.classday.ClassDayPlaces;
import com.polaris.kat.enrollment.credit.ClinicianCredit;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.series.SeriesSchedule;
import com.polaris.kat.enrollment.series.SeriesSeats;
import com.polaris.kat.enrollment.series.SeriesTestData;
import com.polaris.kat.enrollment.support.Fixtures;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Instant;
import com.polaris.kat.events.money.Money;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A registration of Series 20 under test: its stream in the fixture, its series stubbed (schedule, seat release). */
final class RegistrationTestData {

    private RegistrationTestData() {
    }

    /** Series 20 as scheduled; a released seat leaves 0 taken. */
    static AggregateTestFixture<Registration> fixtureAt(String instant) {
        return fixtureAt(instant, new StubSeriesSeats(SeriesTestData.schedule20()));
    }

    static AggregateTestFixture<Registration> fixtureAt(String instant, StubSeriesSeats series) {
        return fixtureAt(instant, series, new StubClinicianCredit(), new StubClassDayPlaces());
    }

    static AggregateTestFixture<Registration> fixtureAt(String instant, StubSeriesSeats series, StubClinicianCredit credit,
                                                        StubClassDayPlaces classDays) {
        return fixtureAt(instant, series, credit, classDays, new StubRefundReferences());
    }

    static AggregateTestFixture<Registration> fixtureAt(String instant, StubRefundReferences references) {
        return fixtureAt(instant, new StubSeriesSeats(SeriesTestData.schedule20()), new StubClinicianCredit(), new StubClassDayPlaces(), references);
    }

    static AggregateTestFixture<Registration> fixtureAt(String instant, StubSeriesSeats series, StubClinicianCredit credit,
                                                        StubClassDayPlaces classDays, StubRefundReferences references) {
        return fixtureAt(instant, new CeCreditRule(CeCreditRule.DEFAULT_GRACE_MINUTES), series, credit, classDays, references);
    }

    /** Series 20's registrations at {@code instant} under the CE rule {@code rule} (e.g. a configured grace of 15). */
    static AggregateTestFixture<Registration> fixtureAt(String instant, CeCreditRule rule) {
        return fixtureAt(instant, rule, new StubSeriesSeats(SeriesTestData.schedule20()), new StubClinicianCredit(), new StubClassDayPlaces(),
                new StubRefundReferences());
    }

    private static AggregateTestFixture<Registration> fixtureAt(String instant, CeCreditRule rule, StubSeriesSeats series, StubClinicianCredit credit,
                                                                StubClassDayPlaces classDays, StubRefundReferences references) {
        return fixtureAt(instant, rule, series, credit, classDays, references, new StubLiveSessionHolds());
    }

    /** Series 20's registrations at {@code instant}, the clinician's places on live sessions recorded in {@code liveSessions}. */
    static AggregateTestFixture<Registration> fixtureAt(String instant, StubLiveSessionHolds liveSessions) {
        return fixtureAt(instant, new CeCreditRule(CeCreditRule.DEFAULT_GRACE_MINUTES), new StubSeriesSeats(SeriesTestData.schedule20()),
                new StubClinicianCredit(), new StubClassDayPlaces(), new StubRefundReferences(), liveSessions);
    }

    private static AggregateTestFixture<Registration> fixtureAt(String instant, CeCreditRule rule, StubSeriesSeats series, StubClinicianCredit credit,
                                                                StubClassDayPlaces classDays, StubRefundReferences references,
                                                                StubLiveSessionHolds liveSessions) {
        AggregateTestFixture<Registration> f = new AggregateTestFixture<>(Registration.class);
        f.registerInjectableResource(liveSessions);
        f.registerInjectableResource(Fixtures.clockAt(instant));
        f.registerInjectableResource(rule);
        f.registerInjectableResource(series);
        f.registerInjectableResource(credit);
        f.registerInjectableResource(classDays);
        f.registerInjectableResource(references);
        f.registerInjectableResource(Fixtures.SEALING);
        return f;
    }

    /**
     * {@code f} comparing AttendanceRecorded and AttendanceCorrected without their {@code inFull}: for tests whose subject is
     * what is recorded or decided, not the in-full judgement, which {@link AttendanceInFullTest} asserts value by value.
     */
    static AggregateTestFixture<Registration> inFullIgnored(AggregateTestFixture<Registration> f) {
        f.registerIgnoredField(com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded.class, "inFull");
        f.registerIgnoredField(com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected.class, "inFull");
        return f;
    }

    /**
     * The refund references taken, by compared form ({@link RefundPayouts#referenceKey}); a reference taken before is
     * refused as {@link RepositoryRefundReferences} refuses it. {@code taken} lists "reference registration" in order.
     */
    static final class StubRefundReferences implements RefundReferences {
        final java.util.Map<String, String> byKey = new java.util.HashMap<>();
        final List<String> taken = new ArrayList<>();

        @Override
        public void take(String reference, String seriesId, String registrationId, Instant at) {
            String before = byKey.putIfAbsent(RefundPayouts.referenceKey(reference), registrationId);
            if (before != null) {
                throw Refusal.invalidField("invalid-payout", "processorRefundReference", "taken by " + before);
            }
            taken.add(reference + " " + registrationId);
        }
    }

    /** Records the credit a cancellation issues: (clinician, credit id, cents). */
    static final class StubClinicianCredit implements ClinicianCredit {
        final List<String> issued = new ArrayList<>();

        @Override
        public void issue(String clinicianId, String creditId, Money amount, String sourceSeriesId, String sourceRegistrationId, Instant at) {
            issued.add(clinicianId + " " + creditId + " " + amount.cents());
        }
    }

    /** The live-session places freed, as "clinician registration days-or-ALL reason". */
    static final class StubLiveSessionHolds implements com.polaris.kat.enrollment.livesession.LiveSessionHolds {
        final List<String> freed = new ArrayList<>();

        @Override
        public void hold(String clinicianId, String registrationId, String seriesId, int seriesNumber,
                         java.util.SortedMap<String, java.time.LocalDate> classDays,
                         com.polaris.kat.enrollment.livesession.LiveSessionHolds.Asking asking, java.time.Instant at) {
            throw new AssertionError("a registration's own commands hold no place; attendance/MakeUpDesk and the series do");
        }

        @Override
        public void followMove(java.util.SortedSet<String> clinicianIds, String classDayId, java.time.LocalDate toDate, String reason,
                               java.time.Instant at) {
            throw new AssertionError("a registration's own commands move no class day");
        }

        @Override
        public void free(String clinicianId, String registrationId, Collection<String> classDayIds, String reason, java.time.Instant at) {
            freed.add(clinicianId + " " + registrationId + " " + (classDayIds == null ? "ALL" : String.join(",", classDayIds)) + " " + reason);
        }
    }

    static final class StubClassDayPlaces implements ClassDayPlaces {
        final List<String> released = new ArrayList<>();
        final List<String> used = new ArrayList<>();
        final List<String> seatsHeld = new ArrayList<>();

        @Override
        public List<com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay> find(
                Collection<com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay> planned) {
            return List.copyOf(planned);
        }

        @Override
        public void use(Collection<com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay> days, String seriesId, int seats) {
            days.forEach(d -> used.add(d.classDayId() + " " + seriesId));
        }

        @Override
        public void holdSeats(java.util.Collection<String> classDayIds, String seriesId, int seats) {
            classDayIds.forEach(d -> seatsHeld.add(d + " " + seriesId + " " + seats));
        }

        @Override
        public void release(Collection<String> classDayIds, String clinicianId, String registrationId, String reason, java.time.Instant at) {
            classDayIds.forEach(d -> released.add(d + " " + registrationId));
        }
    }

    /** The series as the registration's decisions see it: a fixed schedule; records the seats released. */
    static final class StubSeriesSeats implements SeriesSeats {
        final SeriesSchedule schedule;
        final List<String> released = new ArrayList<>();

        StubSeriesSeats(SeriesSchedule schedule) {
            this.schedule = schedule;
        }

        @Override
        public SeriesSchedule schedule(String seriesId) {
            if (!seriesId.equals(schedule.seriesId())) {
                throw Refusal.notFound("series-not-found", "There is no series " + seriesId + ".");
            }
            return schedule;
        }

        @Override
        public int release(String seriesId, String registrationId, Instant at) {
            released.add(registrationId);
            return 0;
        }
    }
}
