package com.polaris.kat.enrollment.series;

import com.polaris.kat.enrollment.attendance.CeCreditRule;
import com.polaris.kat.enrollment.attendance.CeCreditRule.Attended;
import com.polaris.kat.enrollment.catalog.ModuleCatalog;
import com.polaris.kat.enrollment.catalog.ModuleCatalog.ModuleDefinition;
import com.polaris.kat.enrollment.policy.RefundPolicy;
import com.polaris.kat.enrollment.policy.RefundPolicyV1;
import com.polaris.kat.enrollment.rules.ClassDayBounds;
import com.polaris.kat.enrollment.rules.ReadableStreamAggregate;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.attendance.AttendanceCommands.CorrectAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordAttendance;
import com.polaris.kat.events.attendance.AttendanceCommands.RecordEvaluationCompleted;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceCorrected;
import com.polaris.kat.events.attendance.AttendanceEvents.AttendanceRecorded;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditEarned;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleCeCreditRevoked;
import com.polaris.kat.events.attendance.AttendanceEvents.MakeUpBooked;
import com.polaris.kat.events.attendance.AttendanceEvents.ModuleEvaluationCompleted;
import com.polaris.kat.events.catalog.CatalogCommands.ChangeSeriesCapacity;
import com.polaris.kat.events.catalog.CatalogCommands.ClassDayPlan;
import com.polaris.kat.events.catalog.CatalogCommands.RescheduleSeriesClassDay;
import com.polaris.kat.events.catalog.CatalogCommands.ScheduleSeries;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesCapacityChanged;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDay;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesClassDayRescheduled;
import com.polaris.kat.events.catalog.CatalogEvents.SeriesScheduled;
import com.polaris.kat.events.catalog.ClassDayIds;
import com.polaris.kat.events.catalog.SeriesIds;
import com.polaris.kat.events.enrollment.EnrollmentCommands.CancelRegistration;
import com.polaris.kat.events.enrollment.EnrollmentCommands.PayoutOutcome;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RecordRefundPayout;
import com.polaris.kat.events.enrollment.EnrollmentCommands.RegisterForSeries;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutFailed;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutReversed;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutSettled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.enrollment.RegistrationResult;
import com.polaris.kat.events.money.Money;
import com.polaris.kat.events.time.ProgramTime;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A series (cohort): its class days, seats, registrations, cancellations and attendance. Every
 * decision about one series is taken here, on one event stream, so two service instances can never
 * both sell its last seat: the second append hits the store's unique (aggregate, sequence) index,
 * is retried, and re-decides on the new state.
 */
@Aggregate
public class Series extends ReadableStreamAggregate {

    @AggregateIdentifier
    private String seriesId;
    private int seriesNumber;
    private int capacity;
    private Money price;
    private Money ceOptionPrice;
    private String refundPolicyVersion;
    private final Map<String, SeriesClassDay> classDays = new LinkedHashMap<>();
    private final Map<String, Registration> registrations = new HashMap<>();
    private final Set<String> activeClinicians = new HashSet<>();
    private int seatsTaken;

    protected Series() {
    }

    // ---------------------------------------------------------------- schedule

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ScheduleSeries cmd, ModuleCatalog modules, Clock clock) {
        if (seriesId != null) {
            throw Refusal.conflict("series-exists", "Series " + cmd.seriesNumber()
                    + " is already scheduled; choose another series number.");
        }
        if (cmd.seriesNumber() < 1) {
            throw Refusal.invalid("invalid-series-number", "The series number must be 1 or more.");
        }
        if (!SeriesIds.of(cmd.seriesNumber()).equals(cmd.seriesId())) {
            throw Refusal.invalid("invalid-series-id", "Series " + cmd.seriesNumber() + " has the id " + SeriesIds.of(cmd.seriesNumber()) + ".");
        }
        if (cmd.capacity() < 1) {
            throw Refusal.invalid("invalid-capacity", "The seat capacity must be at least 1.");
        }
        if (cmd.price() == null || cmd.price().isNegative() || cmd.ceOptionPrice() == null || cmd.ceOptionPrice().isNegative()) {
            throw Refusal.invalid("invalid-price", "The price and the CE option price must be given and be 0 or more.");
        }
        if (cmd.classDays() == null || cmd.classDays().isEmpty()) {
            throw Refusal.invalid("no-class-days", "List the series' class days: a module code and a date for each.");
        }
        Instant now = clock.instant();
        Set<String> modulesSeen = new HashSet<>();
        List<SeriesClassDay> days = new ArrayList<>();
        for (ClassDayPlan plan : cmd.classDays()) {
            if (plan == null || plan.moduleCode() == null || plan.date() == null) {
                throw Refusal.invalid("invalid-class-day", "Each class day needs a module code and a date (YYYY-MM-DD).");
            }
            ClassDayBounds.checkCatalogDate(plan.date(), "The " + plan.moduleCode() + " class day's date");
            ModuleDefinition module = modules.find(plan.moduleCode()).orElseThrow(() -> Refusal.invalid(
                    "unknown-module", "Module " + plan.moduleCode() + " is not defined; use one of the program's module codes (M1, M2, M3, M4, M5, PRACTICE)."));
            if (!modulesSeen.add(module.code())) {
                throw Refusal.invalid("duplicate-module", "Module " + module.code() + " is listed twice; a series runs each module once.");
            }
            Instant startsAt = ProgramTime.startOf(plan.date());
            if (!startsAt.isAfter(now)) {
                throw Refusal.invalid("class-day-in-past", "The " + module.code() + " class day on " + plan.date()
                        + " has already started; a new series needs class days in the future.");
            }
            days.add(new SeriesClassDay(ClassDayIds.of(module.code(), plan.date()), module.code(), module.title(),
                    plan.date(), startsAt, ProgramTime.endOf(plan.date()), module.ceHours()));
        }
        days.sort(Comparator.comparing(SeriesClassDay::startsAt));
        apply(new SeriesScheduled(cmd.seriesId(), cmd.seriesNumber(), cmd.capacity(), cmd.price(),
                cmd.ceOptionPrice(), List.copyOf(days), RefundPolicyV1.VERSION));
    }

    @CommandHandler
    public void handle(ChangeSeriesCapacity cmd) {
        if (cmd.capacity() < 1) {
            throw Refusal.invalid("invalid-capacity", "The seat capacity must be at least 1.");
        }
        if (cmd.capacity() < seatsTaken) {
            throw Refusal.conflict("capacity-below-seats-taken", "Series " + seriesNumber + " already has "
                    + seatsTaken + " seats taken; the capacity cannot go below that.");
        }
        if (cmd.capacity() == capacity) {
            return;
        }
        apply(new SeriesCapacityChanged(seriesId, capacity, cmd.capacity(), seatsTaken, cmd.reason()));
    }

    @CommandHandler
    public void handle(RescheduleSeriesClassDay cmd) {
        SeriesClassDay day = classDays.get(cmd.classDayId());
        if (day == null) {
            throw Refusal.notFound("class-day-not-in-series", "Series " + seriesNumber + " does not use class day " + cmd.classDayId() + ".");
        }
        ClassDayBounds.checkCatalogDate(cmd.newDate(), "Class day " + cmd.classDayId() + "'s new date");
        if (day.date().equals(cmd.newDate())) {
            return; // already applied (the registry may deliver a move twice)
        }
        apply(new SeriesClassDayRescheduled(seriesId, day.classDayId(), day.moduleCode(), day.date(), cmd.newDate(),
                ProgramTime.startOf(cmd.newDate()), ProgramTime.endOf(cmd.newDate()), cmd.reason()));
    }

    // ---------------------------------------------------------------- registration

    @CommandHandler
    public RegistrationResult handle(RegisterForSeries cmd, Clock clock) {
        return register(cmd, clock.instant());
    }

    /** Also used by the credit transfer, in the same unit of work as spending the credit. */
    public RegistrationResult register(RegisterForSeries cmd, Instant now) {
        java.util.Optional<RegistrationResult> repeat = repeatOf(cmd.registrationId(), cmd.requestFingerprint());
        if (repeat.isPresent()) {
            return repeat.get();
        }
        if (!now.isBefore(firstDayStartsAt())) {
            throw Refusal.conflict("registration-closed", "Registration for Series " + seriesNumber + " closed when its first class day started ("
                    + firstDayStartsAt() + "); choose a future series.");
        }
        if (activeClinicians.contains(cmd.clinicianId())) {
            throw Refusal.conflict("already-registered", "This clinician already holds a registration in Series " + seriesNumber + ".");
        }
        if (seatsTaken >= capacity) {
            throw Refusal.conflict("sold-out", "Series " + seriesNumber + " is sold out (" + capacity + " seats); choose another series.");
        }
        Money due = priceDue(cmd.ceOption());
        Payment payment = cmd.payment() == null ? Payment.NONE : cmd.payment();
        Money credit = cmd.creditApplied() == null ? Money.ZERO : cmd.creditApplied();
        checkPayment(payment);
        if (!payment.amountPaid().plus(credit).equals(due)) {
            throw Refusal.invalid("payment-mismatch", "The price due is " + due.toPlainString() + " (series "
                    + price.toPlainString() + (cmd.ceOption() ? " + CE option " + ceOptionPrice.toPlainString() : "")
                    + "), but the payment " + payment.amountPaid().toPlainString()
                    + (credit.isZero() ? "" : " + credit " + credit.toPlainString()) + " does not match it.");
        }
        apply(new RegistrationPlaced(seriesId, cmd.registrationId(), cmd.clinicianId(), cmd.clinician(), cmd.ceOption(),
                price, ceOptionPrice, due, payment, credit, refundPolicyVersion, now, seatsTaken + 1, capacity,
                cmd.requestFingerprint()));
        return result(registrations.get(cmd.registrationId()), false);
    }

    /**
     * The first outcome when this registration id was already used for the same request; a refusal
     * when it was used for a different one; empty when it is new.
     */
    public java.util.Optional<RegistrationResult> repeatOf(String registrationId, String requestFingerprint) {
        Registration existing = registrations.get(registrationId);
        if (existing == null) {
            return java.util.Optional.empty();
        }
        if (!existing.requestFingerprint().equals(requestFingerprint)) {
            throw Refusal.invalid("idempotency-key-reused", "Registration " + registrationId
                    + " was already made with different details; use a new registration id or Idempotency-Key for a new request.");
        }
        return java.util.Optional.of(result(existing, true));
    }

    private static void checkPayment(Payment p) {
        if (p.amountPaid() == null || p.processingFee() == null || p.amountPaid().isNegative() || p.processingFee().isNegative()) {
            throw Refusal.invalid("invalid-payment", "The amount paid and the processing fee must be given and be 0 or more.");
        }
        if (p.processingFee().compareTo(p.amountPaid()) > 0) {
            throw Refusal.invalid("invalid-payment", "The processing fee cannot exceed the amount paid.");
        }
        if (p.amountPaid().isPositive() && (p.chargeReference() == null || p.chargeReference().isBlank())) {
            throw Refusal.invalid("invalid-payment", "Give the payment processor's charge reference for the amount paid.");
        }
    }

    public Money priceDue(boolean ceOption) {
        return ceOption ? price.plus(ceOptionPrice) : price;
    }

    public boolean exists() {
        return seriesId != null;
    }

    private RegistrationResult result(Registration r, boolean replayed) {
        return new RegistrationResult(seriesId, r.registrationId(), r.clinicianId(), r.status(), replayed);
    }

    // ---------------------------------------------------------------- cancellation and refunds

    @CommandHandler
    public RefundDecision handle(CancelRegistration cmd, Clock clock) {
        Registration r = registration(cmd.registrationId());
        if (r.cancelled()) {
            throw Refusal.conflict("already-cancelled", "Registration " + cmd.registrationId() + " is already cancelled.");
        }
        Instant now = clock.instant();
        if (now.isAfter(lastDayEndsAt())) {
            throw Refusal.conflict("series-ended", "Series " + seriesNumber + " ended on " + lastDay().date()
                    + "; there is nothing left to cancel.");
        }
        RefundDecision decision;
        try {
            decision = RefundPolicy.forVersion(r.refundPolicyVersion()).decide(now, firstDay().date(),
                    r.payment().amountPaid(), r.payment().processingFee(), r.creditApplied(), cmd.choice());
        } catch (RefundPolicy.LateChoiceRequired e) {
            throw Refusal.invalid("late-choice-required", e.getMessage());
        }
        apply(new RegistrationCancelled(seriesId, r.registrationId(), r.clinicianId(), decision, cmd.reason(), seatsTaken - 1));
        return decision;
    }

    @CommandHandler
    public void handle(RecordRefundPayout cmd, Clock clock) {
        Registration r = registration(cmd.registrationId());
        RefundDecision d = r.refundDecision();
        if (d == null || !d.refundAmount().isPositive()) {
            throw Refusal.conflict("no-refund-due", "Registration " + cmd.registrationId() + " has no refund to pay out.");
        }
        if (cmd.outcome() == null) {
            throw Refusal.invalid("invalid-payout", "Say whether the payout SETTLED, FAILED or was REVERSED.");
        }
        if (cmd.outcome() == PayoutOutcome.REVERSED) {
            if (!r.refundSettled()) {
                throw Refusal.conflict("nothing-to-reverse", "The refund of registration " + cmd.registrationId() + " is not settled; there is nothing to reverse.");
            }
            if (cmd.failureReason() == null || cmd.failureReason().isBlank()) {
                throw Refusal.invalid("invalid-payout", "A reversal needs the reason the processor gave (failureReason).");
            }
            apply(new RefundPayoutReversed(seriesId, r.registrationId(), d.refundAmount(), r.settledReference(), r.payoutAttempts(),
                    cmd.failureReason(), clock.instant()));
            return;
        }
        if (r.refundSettled()) {
            throw Refusal.conflict("refund-already-settled", "The refund of registration " + cmd.registrationId()
                    + " is already settled; a refund is never paid twice.");
        }
        int attempt = r.payoutAttempts() + 1;
        if (cmd.outcome() == PayoutOutcome.SETTLED) {
            if (cmd.processorRefundReference() == null || cmd.processorRefundReference().isBlank()) {
                throw Refusal.invalid("invalid-payout", "A settled payout needs the processor's refund reference.");
            }
            apply(new RefundPayoutSettled(seriesId, r.registrationId(), d.refundAmount(), cmd.processorRefundReference(), attempt, clock.instant()));
        } else {
            if (cmd.failureReason() == null || cmd.failureReason().isBlank()) {
                throw Refusal.invalid("invalid-payout", "A failed payout needs the reason the processor gave.");
            }
            apply(new RefundPayoutFailed(seriesId, r.registrationId(), d.refundAmount(), cmd.failureReason(), attempt, clock.instant()));
        }
    }

    // ---------------------------------------------------------------- attendance and CE

    @CommandHandler
    public void handle(RecordAttendance cmd, CeCreditRule rule, Clock clock) {
        Registration r = activeRegistration(cmd.registrationId());
        SeriesClassDay day = attendedDay(r, cmd.classDayId());
        if (clock.instant().isBefore(day.startsAt())) {
            throw Refusal.conflict("class-day-not-started", "Class day " + day.classDayId() + " starts at " + day.startsAt()
                    + "; attendance can be recorded once it has started.");
        }
        checkAttendance(cmd.joinedAt(), cmd.leftAt(), cmd.minutesPresent(), cmd.verification(), day);
        if (r.attendance(day.classDayId()) != null) {
            throw Refusal.conflict("attendance-already-recorded", "Attendance on " + day.classDayId()
                    + " is already recorded for this registration; send a correction with a reason instead.");
        }
        apply(new AttendanceRecorded(seriesId, r.registrationId(), r.clinicianId(), day.classDayId(), day.moduleCode(),
                cmd.joinedAt(), cmd.leftAt(), cmd.minutesPresent(), cmd.verification()));
        decideCe(r, day, rule, null);
    }

    @CommandHandler
    public void handle(CorrectAttendance cmd, CeCreditRule rule) {
        Registration r = registration(cmd.registrationId());
        SeriesClassDay day = attendedDay(r, cmd.classDayId());
        checkAttendance(cmd.joinedAt(), cmd.leftAt(), cmd.minutesPresent(), cmd.verification(), day);
        if (cmd.reason() == null || cmd.reason().isBlank()) {
            throw Refusal.invalid("reason-required", "A correction must say why (e.g. the platform log was incomplete).");
        }
        if (r.attendance(day.classDayId()) == null) {
            throw Refusal.conflict("no-attendance-to-correct", "No attendance is recorded on " + day.classDayId() + " to correct; record it first.");
        }
        apply(new AttendanceCorrected(seriesId, r.registrationId(), r.clinicianId(), day.classDayId(), day.moduleCode(),
                cmd.joinedAt(), cmd.leftAt(), cmd.minutesPresent(), cmd.verification(), cmd.reason()));
        decideCe(r, day, rule, cmd.reason());
    }

    @CommandHandler
    public void handle(RecordEvaluationCompleted cmd, CeCreditRule rule) {
        Registration r = activeRegistration(cmd.registrationId());
        SeriesClassDay day = classDays.values().stream().filter(d -> d.moduleCode().equals(cmd.moduleCode())).findFirst()
                .orElseThrow(() -> Refusal.notFound("module-not-in-series", "Series " + seriesNumber + " does not run module " + cmd.moduleCode() + "."));
        if (r.evaluationCompleted(cmd.moduleCode())) {
            return;
        }
        apply(new ModuleEvaluationCompleted(seriesId, r.registrationId(), r.clinicianId(), cmd.moduleCode()));
        SeriesClassDay makeUp = r.makeUpDay(cmd.moduleCode());
        decideCe(r, makeUp != null && r.attendance(makeUp.classDayId()) != null ? makeUp : day, rule, null);
    }

    /** Called by the make-up desk, in the same unit of work as taking the place on the other day. */
    public void bookMakeUp(String registrationId, String moduleCode, String classDayId, java.time.LocalDate date) {
        Registration r = activeRegistration(registrationId);
        if (classDays.values().stream().noneMatch(d -> d.moduleCode().equals(moduleCode))) {
            throw Refusal.notFound("module-not-in-series", "Series " + seriesNumber + " does not run module " + moduleCode + ".");
        }
        if (classDays.containsKey(classDayId)) {
            throw Refusal.invalid("make-up-on-own-day", "Class day " + classDayId + " is the series' own day; a make-up is on another series' day.");
        }
        if (r.ceEarned(moduleCode)) {
            throw Refusal.conflict("module-already-complete", "Module " + moduleCode + " is already complete for this registration.");
        }
        if (r.makeUpDay(moduleCode) != null && r.makeUpDay(moduleCode).classDayId().equals(classDayId)) {
            return;
        }
        apply(new MakeUpBooked(seriesId, registrationId, r.clinicianId(), moduleCode, classDayId, date,
                ProgramTime.startOf(date), ProgramTime.endOf(date)));
    }

    public int capacity() {
        return capacity;
    }

    public int seatsTaken() {
        return seatsTaken;
    }

    private void decideCe(Registration r, SeriesClassDay day, CeCreditRule rule, String correctionReason) {
        Attended a = r.attendance(day.classDayId());
        boolean earns = rule.earns(r.ceOption(), day.startsAt(), day.endsAt(), a, r.evaluationCompleted(day.moduleCode()));
        boolean earned = r.ceEarned(day.moduleCode());
        if (earns && !earned) {
            apply(new ModuleCeCreditEarned(seriesId, r.registrationId(), r.clinicianId(), day.moduleCode(), day.moduleTitle(),
                    day.classDayId(), day.date(), day.ceHours(), day.startsAt(), day.endsAt(), a.joinedAt(), a.leftAt(),
                    a.minutesPresent(), rule.graceMinutes(), rule.describe()));
        } else if (!earns && earned) {
            apply(new ModuleCeCreditRevoked(seriesId, r.registrationId(), r.clinicianId(), day.moduleCode(), day.classDayId(),
                    day.ceHours(), correctionReason == null ? "no longer attended in full" : correctionReason));
        }
    }

    private static void checkAttendance(Instant joinedAt, Instant leftAt, Integer minutes, Object verification, SeriesClassDay day) {
        boolean times = joinedAt != null && leftAt != null;
        if (times == (minutes != null) || (joinedAt == null) != (leftAt == null)) {
            throw Refusal.invalid("invalid-attendance", "Give either joinedAt and leftAt, or minutesPresent.");
        }
        if (verification == null) {
            throw Refusal.invalid("invalid-attendance", "Say how attendance was verified: PLATFORM_LOG or STAFF_SIGN_IN.");
        }
        ClassDayBounds.checkAttendance(day.classDayId(), joinedAt, leftAt, minutes, day.startsAt(), day.endsAt());
    }

    // ---------------------------------------------------------------- lookups

    private Registration registration(String registrationId) {
        Registration r = registrations.get(registrationId);
        if (r == null) {
            throw Refusal.notFound("registration-not-found", "Series " + seriesNumber + " has no registration " + registrationId + ".");
        }
        return r;
    }

    private Registration activeRegistration(String registrationId) {
        Registration r = registration(registrationId);
        if (r.cancelled()) {
            throw Refusal.conflict("registration-cancelled", "Registration " + registrationId + " was cancelled.");
        }
        return r;
    }

    /** One of the series' days, or a day the registration booked as a make-up (with the module's hours here). */
    private SeriesClassDay attendedDay(Registration r, String classDayId) {
        SeriesClassDay own = classDays.get(classDayId);
        if (own != null) {
            return own;
        }
        return r.makeUpDays().stream().filter(m -> m.classDayId().equals(classDayId)).findFirst()
                .orElseThrow(() -> Refusal.notFound("class-day-not-in-series", "Series " + seriesNumber + " does not use class day "
                        + classDayId + ", and the registration has no make-up booked there."));
    }

    private SeriesClassDay classDayOf(String classDayId) {
        SeriesClassDay d = classDays.get(classDayId);
        if (d == null) {
            throw Refusal.notFound("class-day-not-in-series", "Series " + seriesNumber + " does not use class day " + classDayId + ".");
        }
        return d;
    }

    private SeriesClassDay firstDay() {
        return classDays.values().stream().min(Comparator.comparing(SeriesClassDay::startsAt)).orElseThrow();
    }

    private SeriesClassDay lastDay() {
        return classDays.values().stream().max(Comparator.comparing(SeriesClassDay::endsAt)).orElseThrow();
    }

    private Instant firstDayStartsAt() {
        return firstDay().startsAt();
    }

    private Instant lastDayEndsAt() {
        return lastDay().endsAt();
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(SeriesScheduled e) {
        seriesId = e.seriesId();
        seriesNumber = e.seriesNumber();
        capacity = e.capacity();
        price = e.price();
        ceOptionPrice = e.ceOptionPrice();
        refundPolicyVersion = e.refundPolicyVersion();
        e.classDays().forEach(d -> classDays.put(d.classDayId(), d));
    }

    @EventSourcingHandler
    void on(SeriesCapacityChanged e) {
        capacity = e.toCapacity();
    }

    @EventSourcingHandler
    void on(SeriesClassDayRescheduled e) {
        SeriesClassDay d = classDays.get(e.classDayId());
        classDays.put(d.classDayId(), new SeriesClassDay(d.classDayId(), d.moduleCode(), d.moduleTitle(), e.toDate(),
                e.startsAt(), e.endsAt(), d.ceHours()));
    }

    @EventSourcingHandler
    void on(RegistrationPlaced e) {
        registrations.put(e.registrationId(), new Registration(e));
        activeClinicians.add(e.clinicianId());
        seatsTaken++;
    }

    @EventSourcingHandler
    void on(RegistrationCancelled e) {
        registrations.get(e.registrationId()).cancelled(e.decision());
        activeClinicians.remove(e.clinicianId());
        seatsTaken--;
    }

    @EventSourcingHandler
    void on(RefundPayoutSettled e) {
        registrations.get(e.registrationId()).payoutSettled(e.processorRefundReference());
    }

    @EventSourcingHandler
    void on(com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutReversed e) {
        registrations.get(e.registrationId()).payoutReversed();
    }

    @EventSourcingHandler
    void on(RefundPayoutFailed e) {
        registrations.get(e.registrationId()).payoutFailed();
    }

    @EventSourcingHandler
    void on(AttendanceRecorded e) {
        registrations.get(e.registrationId()).attended(e.classDayId(), new Attended(e.joinedAt(), e.leftAt(), e.minutesPresent()));
    }

    @EventSourcingHandler
    void on(AttendanceCorrected e) {
        registrations.get(e.registrationId()).attended(e.classDayId(), new Attended(e.joinedAt(), e.leftAt(), e.minutesPresent()));
    }

    @EventSourcingHandler
    void on(MakeUpBooked e) {
        SeriesClassDay own = classDays.values().stream().filter(d -> d.moduleCode().equals(e.moduleCode())).findFirst().orElseThrow();
        registrations.get(e.registrationId()).makeUpBooked(new SeriesClassDay(e.classDayId(), e.moduleCode(), own.moduleTitle(),
                e.date(), e.startsAt(), e.endsAt(), own.ceHours()));
    }

    @EventSourcingHandler
    void on(ModuleEvaluationCompleted e) {
        registrations.get(e.registrationId()).evaluationCompleted.add(e.moduleCode());
    }

    @EventSourcingHandler
    void on(ModuleCeCreditEarned e) {
        registrations.get(e.registrationId()).ceEarned.add(e.moduleCode());
    }

    @EventSourcingHandler
    void on(ModuleCeCreditRevoked e) {
        registrations.get(e.registrationId()).ceEarned.remove(e.moduleCode());
    }
}
