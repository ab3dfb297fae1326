package com.polaris.kat.benchmark;

import com.polaris.kat.events.attendance.AttendanceCommands.Verification;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationCompleted;
import com.polaris.kat.events.catalog.CatalogEvents.ClassDayScheduled;
import com.polaris.kat.events.catalog.CatalogEvents.ModuleDefined;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.catalog.ClassDayIds;
import com.polaris.kat.events.catalog.SeriesIds;
import com.polaris.kat.events.credit.CreditEvents.CreditApplied;
import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.ClinicianIds;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutFailed;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutSettled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.EnrollmentEvents.SeatReleased;
import com.polaris.kat.events.enrollment.EnrollmentEvents.SeatTaken;
import com.polaris.kat.events.enrollment.LateCancellationChoice;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a realistic history straight into the event store, through the same storage engine and
 * serializer as the services (valid aggregate streams, the events' real JSON, metadata as the
 * services write it): modules, then series of six class days, each mostly sold; about one in ten
 * registrations cancelled (on time with a refund payout, some failing first; late as credit or a
 * half refund), credit transferred into the next series, attendance and evaluations for every
 * module, CE hours for those who took the CE option, and a few corrections that withdraw hours.
 * Deterministic for a seed. It bypasses the command side on purpose: a million events through
 * HTTP would take the benchmark's whole time budget; the events are what the rebuild reads.
 */
final class HistoryGenerator {

    record Result(long events, int series, long registrations, long cancellations, long transfers, double seconds,
                  double eventsPerSecond) {
    }

    private static final int CAPACITY = 40;
    private static final Money PRICE = Money.ofCents(217_500);
    private static final Money CE_PRICE = Money.ofCents(15_000);
    private static final Money ADMIN_FEE = Money.ofCents(2_500);
    private static final String[] TITLES = {"Foundations of Ketamine Assisted Therapy", "Pharmacology and Medical Screening",
            "Set, Setting and Preparation", "Dosing Sessions in Practice", "Integration", "Practicum and Ethics"};
    private static final BigDecimal HOURS = new BigDecimal("7.5");
    private static final String[] PROFESSIONS = {"Psychiatrist", "Licensed Clinical Social Worker", "Psychologist",
            "Nurse Practitioner", "Licensed Marriage and Family Therapist"};
    private static final String[] STATES = {"CA", "OR", "WA", "NY", "TX", "CO"};

    private final EventStorageEngine engine;
    private final Random random;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<DomainEventMessage<?>> batch = new ArrayList<>();
    private Instant clock;
    /** The first class day of the series being generated (its registrations were sold with it). */
    private LocalDate firstDay;
    private long events;

    private final com.polaris.kat.eventstore.personal.PersonalDataVault vault;
    private final ClinicianIds ids;

    /** The store context's engine and personal data vault; clinician ids under the run's pseudonym key, as the services'. */
    HistoryGenerator(org.springframework.context.ApplicationContext store, long seed) {
        this.engine = store.getBean(EventStorageEngine.class);
        this.vault = store.getBean(com.polaris.kat.eventstore.personal.PersonalDataVault.class);
        this.ids = new ClinicianIds(com.polaris.kat.eventstore.personal.PersonalDataSecrets.decode(
                Benchmark.PSEUDONYM_KEY, "KAT_PERSONAL_DATA_PSEUDONYM_KEY", 0));
        this.random = new Random(seed);
    }

    Result generate(long targetEvents) {
        long t0 = System.nanoTime();
        int clinicianPool = (int) Math.max(200, targetEvents / 60);
        long registrations = 0, cancellations = 0, transfers = 0;
        clock = Instant.parse("2019-06-03T16:00:00Z");
        for (int m = 1; m <= 6; m++) {
            append("CourseModule", "M" + m, new ModuleDefined("M" + m, TITLES[m - 1], HOURS));
        }
        flush();
        List<String> creditHolders = new ArrayList<>();
        int series = 0;
        while (events < targetEvents) {
            series++;
            int number = 1000 + series;
            String seriesId = SeriesIds.of(number);
            LocalDate first = LocalDate.of(2020, 1, 6).plusWeeks(series);
            firstDay = first;
            clock = ProgramTime.startOf(first).minus(Duration.ofDays(70));
            List<SeriesClassDay> days = new ArrayList<>();
            for (int m = 1; m <= 6; m++) {
                LocalDate date = first.plusDays(m - 1);
                days.add(new SeriesClassDay(ClassDayIds.of("M" + m, date), "M" + m, TITLES[m - 1], date,
                        ProgramTime.startOf(date), ProgramTime.endOf(date), HOURS));
            }
            append("Series", seriesId, new SeriesScheduled(seriesId, number, CAPACITY, PRICE, CE_PRICE, days, "v1"));
            for (SeriesClassDay d : days) {
                append("ClassDay", d.classDayId(), new ClassDayScheduled(d.classDayId(), d.moduleCode(), d.date(),
                        d.startsAt(), d.endsAt(), seriesId));
            }
            Instant firstStart = ProgramTime.startOf(first);
            Instant cutoff = ProgramTime.startOf(first.minusDays(14));
            int seats = 0;
            Set<String> inSeries = new HashSet<>();
            List<Seat> active = new ArrayList<>();
            // transfers first: last series' credit holders take their seats with credit
            List<String> holders = new ArrayList<>(creditHolders);
            creditHolders.clear();
            for (String clinicianEmail : holders) {
                String clinicianId = ids.fromEmail(clinicianEmail);
                String registrationId = uuid();
                tick(3);
                append("CreditAccount", com.polaris.kat.events.credit.CreditStreams.of(clinicianId), new CreditApplied(clinicianId, PRICE, seriesId, registrationId,
                        Money.ZERO, clock));
                Seat seat = new Seat(registrationId, clinicianId, clinician(clinicianEmail), false, Money.ZERO, PRICE);
                take(seriesId, seat, ++seats);
                inSeries.add(clinicianId);
                active.add(seat);
                transfers++;
                registrations++;
            }
            int target = CAPACITY - 2 + random.nextInt(3); // 38 to 40 of 40 seats
            int j = 0;
            while (seats < target) {
                String email = "clinician-" + Math.floorMod(series * 41L + j++ * 7L, clinicianPool) + "@example.org";
                String clinicianId = ids.fromEmail(email);
                if (!inSeries.add(clinicianId)) {
                    continue;
                }
                boolean ce = random.nextInt(10) < 7;
                Money due = ce ? PRICE.plus(CE_PRICE) : PRICE;
                tick(90);
                Seat seat = new Seat(uuid(), clinicianId, clinician(email), ce, due, Money.ZERO);
                take(seriesId, seat, ++seats);
                active.add(seat);
                registrations++;
            }
            // about one in ten cancels: on time (refund paid out, some failing first) or late (credit or half refund)
            for (int k = 0; k < active.size(); k++) {
                Seat s = active.get(k);
                if (random.nextInt(10) != 0 || s.creditApplied().isPositive()) {
                    continue;
                }
                active.remove(k--);
                cancellations++;
                boolean onTime = random.nextInt(3) > 0;
                clock = onTime ? cutoff.minus(Duration.ofDays(1 + random.nextInt(20))) : cutoff.plus(Duration.ofHours(2 + random.nextInt(200)));
                LateCancellationChoice choice = onTime ? null : random.nextBoolean() ? LateCancellationChoice.CREDIT : LateCancellationChoice.REFUND;
                Money cash = s.cashPaid();
                Money fee = Money.ofCents(Math.round(cash.cents() * 0.029) + 30);
                Money base = choice == LateCancellationChoice.REFUND ? cash.halfRoundedUp() : cash;
                Money refund = choice == LateCancellationChoice.CREDIT ? Money.ZERO : base.minus(ADMIN_FEE).minus(fee).atLeastZero();
                Money credit = choice == LateCancellationChoice.CREDIT ? cash : Money.ZERO;
                String rule = onTime ? "ON_TIME_REFUND" : choice == LateCancellationChoice.CREDIT ? "LATE_CREDIT" : "LATE_HALF_REFUND";
                RefundDecision d = new RefundDecision("v1", rule, clock, firstStart, cutoff, onTime, choice, cash, Money.ZERO,
                        choice == LateCancellationChoice.CREDIT ? Money.ZERO : base, ADMIN_FEE, fee, refund, credit);
                // as the service writes a cancellation: the seat freed on the series, the decision on the registration
                append("Series", seriesId, new SeatReleased(seriesId, s.registrationId(), s.clinicianId(), --seats, CAPACITY, clock));
                append("Registration", s.registrationId(), new RegistrationCancelled(seriesId, s.registrationId(), s.clinicianId(), d,
                        "schedule conflict", seats));
                if (refund.isPositive()) {
                    int attempt = 1;
                    if (random.nextInt(8) == 0) {
                        tick(3);
                        append("Registration", s.registrationId(), new RefundPayoutFailed(seriesId, s.registrationId(), refund,
                                "card expired", attempt++, clock));
                    }
                    tick(48);
                    append("Registration", s.registrationId(), new RefundPayoutSettled(seriesId, s.registrationId(), refund,
                            "re_" + uuid().substring(0, 12), attempt, clock));
                }
                if (credit.isPositive()) {
                    append("CreditAccount", com.polaris.kat.events.credit.CreditStreams.of(s.clinicianId()), new CreditIssued(s.clinicianId(), uuid(), credit, seriesId,
                            s.registrationId(), credit, clock));
                    if (credit.equals(PRICE)) {
                        creditHolders.add(s.clinician().email());
                    }
                }
            }
            // the class days: attendance for everyone, evaluations and CE hours for those with the CE option
            for (SeriesClassDay day : days) {
                for (Seat s : active) {
                    Instant joined = day.startsAt().plus(Duration.ofMinutes(random.nextInt(6)));
                    Instant left = day.endsAt().minus(Duration.ofMinutes(random.nextInt(6)));
                    clock = day.endsAt().plus(Duration.ofMinutes(30));
                    append("Registration", s.registrationId(), new AttendanceRecorded(seriesId, s.registrationId(), s.clinicianId(),
                            day.classDayId(), day.moduleCode(), joined, left, null, Verification.PLATFORM_LOG));
                    if (!s.ceOption()) {
                        continue;
                    }
                    tick(24);
                    append("Registration", s.registrationId(), new ModuleEvaluationCompleted(seriesId, s.registrationId(), s.clinicianId(),
                            day.moduleCode()));
                    append("Registration", s.registrationId(), new ModuleCeCreditEarned(seriesId, s.registrationId(), s.clinicianId(),
                            day.moduleCode(), day.moduleTitle(), day.classDayId(), day.date(), day.ceHours(), day.startsAt(),
                            day.endsAt(), joined, left, null, 10,
                            "CE option taken, attended in full (grace 10 min at each end), evaluation completed"));
                    if (random.nextInt(200) == 0) {
                        tick(72);
                        Instant leftEarly = day.endsAt().minus(Duration.ofMinutes(95));
                        append("Registration", s.registrationId(), new AttendanceCorrected(seriesId, s.registrationId(), s.clinicianId(),
                                day.classDayId(), day.moduleCode(), joined, leftEarly, null, Verification.STAFF_SIGN_IN,
                                "left early per the platform's session log"));
                        append("Registration", s.registrationId(), new ModuleCeCreditRevoked(seriesId, s.registrationId(), s.clinicianId(),
                                day.moduleCode(), day.classDayId(), day.ceHours(), "left early per the platform's session log"));
                    }
                }
            }
            flush();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(events, series, registrations, cancellations, transfers, seconds, events / seconds);
    }

    private record Seat(String registrationId, String clinicianId, Clinician clinician, boolean ceOption, Money cashPaid,
                        Money creditApplied) {
    }

    /** As the service sells a seat: SeatTaken on the series' stream, RegistrationPlaced starting the registration's own. */
    private void take(String seriesId, Seat s, int seatsTakenAfter) {
        RegistrationPlaced placed = placed(seriesId, s, seatsTakenAfter);
        append("Series", seriesId, new SeatTaken(seriesId, s.registrationId(), s.clinicianId(), placed.requestFingerprint(),
                seatsTakenAfter, CAPACITY, clock));
        append("Registration", s.registrationId(), placed);
    }

    private RegistrationPlaced placed(String seriesId, Seat s, int seatsTakenAfter) {
        Money due = s.ceOption() ? PRICE.plus(CE_PRICE) : PRICE;
        Payment payment = s.cashPaid().isPositive()
                ? new Payment(s.cashPaid(), "ch_" + s.registrationId().substring(0, 12), Money.ofCents(Math.round(s.cashPaid().cents() * 0.029) + 30))
                : Payment.NONE;
        return new RegistrationPlaced(seriesId, s.registrationId(), s.clinicianId(), vault.seal(s.clinicianId(), s.registrationId(), s.clinician(), clock),
                s.ceOption(), PRICE,
                CE_PRICE, due, payment, s.creditApplied(), "v1", clock, seatsTakenAfter, CAPACITY,
                Integer.toHexString(s.registrationId().hashCode()), firstDay);
    }

    private Clinician clinician(String email) {
        int n = Math.abs(email.hashCode());
        return new Clinician("Clinician " + n, email, PROFESSIONS[n % PROFESSIONS.length], "LIC-" + n, STATES[n % STATES.length]);
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private void tick(int maxHours) {
        clock = clock.plus(Duration.ofMinutes(1 + random.nextInt(maxHours * 60)));
    }

    private void append(String type, String aggregateId, Object payload) {
        long seq = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        batch.add(new GenericDomainEventMessage<>(type, aggregateId, seq, payload,
                Map.of("actor", "bench-generator", "correlationId", uuid()), uuid(), clock));
        events++;
    }

    private void flush() {
        engine.appendEvents(List.copyOf(batch));
        batch.clear();
    }
}
