package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.classday.ClassDayPlaces;
import com.polaris.kat.enrollment.credit.ClinicianCredit;
import com.polaris.kat.enrollment.policy.RefundPolicy;
import com.polaris.kat.enrollment.rules.ReadableStreamAggregate;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.enrollment.series.SeriesSchedule;
import com.polaris.kat.enrollment.series.SeriesSeats;
import com.polaris.kat.events.enrollment.CancellationCutoff;
import com.polaris.kat.events.enrollment.EnrollmentCommands.CancelRegistration;
import com.polaris.kat.eventstore.RequestMetadata;
import org.axonframework.messaging.annotation.MetaDataValue;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.Payment;
import com.polaris.kat.events.enrollment.RefundDecision;
import com.polaris.kat.events.money.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One registration's life after the sale, on its own stream (aggregate id = the registration id):
 * its cancellation and refund decision here; refund payouts in its {@link RefundPayouts} member;
 * attendance, evaluations, CE decisions, make-ups and corrections in its {@link ModuleAttendance}
 * member. The stream starts with {@code RegistrationPlaced}, appended in the seat sale's
 * transaction (series/Series). Decisions
 * that need the schedule read it from the series ({@link SeriesSeats}) in the same unit of work;
 * the rules stay in policy/RefundPolicyV1, attendance/CeCreditRule and rules/ClassDayBounds.
 * A command naming another series than the registration's is refused as registration-not-found.
 */
@Aggregate(cache = "registrationCache")
public class Registration extends ReadableStreamAggregate {

    @AggregateIdentifier
    private String registrationId;
    private String seriesId;
    private String clinicianId;
    private Payment payment;
    private Money creditApplied;
    private String refundPolicyVersion;
    /** The series' earliest class day when the seat was sold (null: not recorded); the cutoff may count from it. */
    private LocalDate firstClassDayAtSale;
    /** The data key of the contact details the registration was sealed with (null before sealing): a reason the clinician gives is sealed under it. */
    private String contactKeyId;
    private boolean cancelled;
    /** The cancellation's decision and the Idempotency-Key it was asked under (null: none), for a repeat. */
    private RefundDecision cancellation;
    private String cancelledUnderKey;
    @AggregateMember
    private RefundPayouts payouts;
    @AggregateMember
    private ModuleAttendance attendance;

    /** For Axon (sourcing from the stream). */
    protected Registration() {
    }

    /** Starts the stream with the sale; called through series/RegistrationStreams in the sale's unit of work. */
    public Registration(RegistrationPlaced placed) {
        apply(placed);
    }

    // ---------------------------------------------------------------- cancellation

    /**
     * Cancels: decides the refund (policy of the registration's version, its cutoff counted from the series' first
     * class day as it stands now, or, before the series starts, as it stood when the seat was sold if that was later:
     * {@link CancellationCutoff#earliestClassDayCounted}), frees the seat on the series' stream, records the decision here,
     * issues the credit it gives on the clinician's account, frees the make-up places the
     * registration held and the clinician's places on those days and the series' (their live-sessions stream): every append in this command's transaction, so what the cancellation
     * acknowledges (a free seat, the credit to transfer, a make-up place) is there for the next
     * command. Streams are taken in the lock order of credit/ClinicianCredit.
     *
     * A repeat under the Idempotency-Key the cancellation was made with answers that first decision and
     * changes nothing (the endpoint's claim has checked it is the same request: web/IdempotencyKeys).
     *
     * @param idempotencyKey the request's Idempotency-Key (command metadata), null when none was sent
     * @return the refund decision with every input (amounts in cents, instants UTC)
     * @throws Refusal already-cancelled, series-ended (409); late-choice-required, choice-not-offered (422); registration-not-found (404)
     */
    @CommandHandler
    public RefundDecision handle(CancelRegistration cmd, @MetaDataValue(RequestMetadata.IDEMPOTENCY_KEY) String idempotencyKey,
                                 Clock clock, SeriesSeats seats, ClinicianCredit credit, ClassDayPlaces classDays,
                                 com.polaris.kat.enrollment.privacy.ClinicianText texts,
                                 com.polaris.kat.enrollment.livesession.LiveSessionHolds liveSessions) {
        checkSeries(cmd.seriesId());
        if (cancelled && idempotencyKey != null && idempotencyKey.equals(cancelledUnderKey)) {
            return cancellation;
        }
        if (cancelled) {
            throw Refusal.conflict("already-cancelled", "Registration " + registrationId + " is already cancelled.");
        }
        SeriesSchedule schedule = seats.schedule(seriesId);
        Instant now = clock.instant();
        // ended at 17:00 Pacific itself (product rules: none "after the series' last class day has ended"), as registration
        // closes at the first day's start itself
        if (!now.isBefore(schedule.lastDay().endsAt())) {
            throw Refusal.conflict("series-ended", "Series " + schedule.seriesNumber() + " ended on " + schedule.lastDay().date()
                    + "; there is nothing left to cancel.");
        }
        RefundDecision decision;
        try {
            decision = RefundPolicy.forVersion(refundPolicyVersion).decide(now,
                    CancellationCutoff.earliestClassDayCounted(schedule.firstDay().date(), schedule.firstDay().startsAt(), firstClassDayAtSale, now),
                    payment.amountPaid(), payment.processingFee(), creditApplied, cmd.choice());
        } catch (RefundPolicy.LateChoiceRequired e) {
            throw Refusal.invalidField("late-choice-required", "choice", e.getMessage());
        } catch (RefundPolicy.ChoiceNotOffered e) {
            throw Refusal.invalidField("choice-not-offered", "choice", e.getMessage());
        }
        int seatsAfter = seats.release(seriesId, registrationId, now);
        // the clinician's reason is theirs to erase: sealed under their contact key, never stored in plain text
        apply(new RegistrationCancelled(seriesId, registrationId, clinicianId, decision, null, seatsAfter,
                texts.seal(clinicianId, contactKeyId, cmd.reason())));
        if (decision.creditIssued().isPositive()) {
            credit.issue(clinicianId, ClinicianCredit.creditIdFor(registrationId), decision.creditIssued(), seriesId, registrationId,
                    decision.requestedAt());
        }
        classDays.release(attendance.makeUpClassDayIds(), clinicianId, registrationId, "registration cancelled", now);
        // last of the streams (livesession/LiveSessionHolds): the seat's days come free for the clinician (the make-ups' with their places)
        liveSessions.free(clinicianId, registrationId, null, "registration cancelled", now);
        return decision;
    }

    /**
     * Books a make-up of a module on another series' day; called by attendance/MakeUpDesk in the
     * unit of work that takes the place on that day. The rule is {@link ModuleAttendance#bookMakeUp}.
     */
    public void bookMakeUp(SeriesSchedule schedule, String moduleCode, String classDayId, LocalDate date,
                           com.polaris.kat.enrollment.attendance.CeCreditRule rule) {
        checkSeries(schedule.seriesId());
        attendance.bookMakeUp(schedule, moduleCode, classDayId, date, rule);
    }

    /**
     * The make-up booked on {@code classDayId}, if any, follows the day's move to {@code toDate}
     * ({@code MakeUpRescheduled}); called by classday/ClassDayMoves in the move's unit of work (one transaction), so
     * attendance, evaluation and cancellation of the make-up are decided on the day's new times from then on.
     * The rule is {@link ModuleAttendance#rescheduleMakeUp}.
     *
     * @param schedule the registration's series' schedule (read in the same unit of work)
     * @param reason   the move's reason
     * @throws com.polaris.kat.enrollment.rules.Refusal make-up-on-series-date, make-up-date-taken (422, field newDate)
     */
    public void rescheduleMakeUp(SeriesSchedule schedule, String classDayId, LocalDate toDate, String reason) {
        checkSeries(schedule.seriesId());
        attendance.rescheduleMakeUp(schedule, classDayId, toDate, reason);
    }

    /**
     * Cancels the module's make-up at staff's request; called by attendance/MakeUpDesk, which frees the place on the day
     * in the same unit of work. The rule is {@link ModuleAttendance#cancelMakeUp}.
     *
     * @return the class day whose make-up place comes free
     */
    public String cancelMakeUp(SeriesSchedule schedule, String moduleCode, String reason, Instant now) {
        checkSeries(schedule.seriesId());
        return attendance.cancelMakeUp(schedule, moduleCode, reason, now);
    }

    /**
     * After a participant report recorded attendance on {@code classDayId}: the module's make-up, cancelled when that
     * day is the series' own and was attended in full (rule: {@link ModuleAttendance#releaseUnneededMakeUp}); called by
     * attendance/report/ParticipantReportDesk, which frees the place in the import's unit of work.
     *
     * @return the class day whose make-up place comes free, if one was cancelled
     */
    public java.util.Optional<String> releaseUnneededMakeUp(SeriesSchedule schedule, String classDayId,
                                                            com.polaris.kat.enrollment.attendance.CeCreditRule rule, Instant now) {
        return schedule.day(classDayId).flatMap(day -> attendance.releaseUnneededMakeUp(day, rule, now));
    }

    /** The class day of the module's make-up booked so far, if any (a new booking moves it). */
    public java.util.Optional<String> makeUpDayOf(String moduleCode) {
        return attendance.makeUpDayOf(moduleCode);
    }

    /**
     * Records or corrects this registration's attendance from a participant report; called by
     * attendance/ParticipantReportDesk in the import's unit of work. The rule is
     * {@link ModuleAttendance#recordFromReport}.
     */
    public ModuleAttendance.ReportOutcome recordFromReport(SeriesSchedule schedule, String classDayId,
                                                           java.util.List<com.polaris.kat.events.attendance.AttendanceSegment> segments,
                                                           String sha256, String timeZone, boolean addToRecorded, boolean reinstate,
                                                           com.polaris.kat.enrollment.attendance.CeCreditRule rule, Instant now) {
        return attendance.recordFromReport(schedule, classDayId, segments, sha256, timeZone, addToRecorded, reinstate, rule, now);
    }

    /** Whether a report replacing the day's times drops another meeting's: {@link ModuleAttendance#replacingDropsAnotherMeeting}. */
    public boolean replacingReportDropsAnotherMeeting(String classDayId, String sha256,
                                                      java.util.List<com.polaris.kat.events.attendance.AttendanceSegment> segments,
                                                      java.util.function.Predicate<String> importedAsAnotherMeeting) {
        return attendance.replacingDropsAnotherMeeting(classDayId, sha256, segments, importedAsAnotherMeeting);
    }

    /** Whether the day's attendance stands as staff recorded or corrected it by hand: {@link ModuleAttendance#recordedByHandOn}. */
    public boolean attendanceRecordedByHandOn(String classDayId) {
        return attendance.recordedByHandOn(classDayId);
    }

    /** Whether a report's times stand against the record by hand as times staff reviewed before: {@link ModuleAttendance#reportTimesReviewed}. */
    public boolean reportTimesReviewed(String classDayId, java.util.List<com.polaris.kat.events.attendance.AttendanceSegment> segments) {
        return attendance.reportTimesReviewed(classDayId, segments);
    }

    /** Whether the module of {@code classDayId} holds earned CE hours now: {@link ModuleAttendance#hoursEarnedOn}. */
    public boolean hoursEarnedOn(SeriesSchedule schedule, String classDayId) {
        return attendance.hoursEarnedOn(schedule, classDayId);
    }

    /** The clinician's pseudonymous id. */
    public String clinicianId() {
        return clinicianId;
    }

    /** The series the registration is in. */
    public String seriesId() {
        return seriesId;
    }

    private void checkSeries(String commandSeriesId) {
        if (!seriesId.equals(commandSeriesId)) {
            throw Refusal.notFound("registration-not-found", com.polaris.kat.events.catalog.SeriesIds.named(commandSeriesId) + " has no registration " + registrationId + ".");
        }
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(RegistrationPlaced e) {
        registrationId = e.registrationId();
        seriesId = e.seriesId();
        clinicianId = e.clinicianId();
        payment = e.payment();
        creditApplied = e.creditApplied();
        refundPolicyVersion = e.refundPolicyVersion();
        firstClassDayAtSale = e.firstClassDayAtSale();
        contactKeyId = e.clinician() == null ? null : e.clinician().contactKeyId();
        payouts = new RefundPayouts(e.seriesId(), e.registrationId(), e.payment() == null ? null : e.payment().chargeReference());
        attendance = new ModuleAttendance(e.seriesId(), e.registrationId(), e.clinicianId(), e.ceOption());
    }

    @EventSourcingHandler
    void on(RegistrationCancelled e, @MetaDataValue(RequestMetadata.IDEMPOTENCY_KEY) String idempotencyKey) {
        cancelled = true;
        cancellation = e.decision();
        cancelledUnderKey = idempotencyKey;
    }
}
