package com.polaris.kat.events.enrollment;

import com.polaris.kat.events.time.ProgramTime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The on-time cancellation cutoff of a refund policy version, as a UTC instant: a cancellation at or before it is on time.
 * Version 1 (product rules, "Cancellation, refunds and credit"; the training page's "up to 2 weeks in advance"): 09:00
 * America/Los_Angeles on the calendar date 14 days before the series' earliest class day, counted in local calendar days,
 * so a daylight-saving change in between does not move it by an hour. One rule for both sides: the refund decision
 * (enrollment-service, policy/RefundPolicyV1 and registration/Registration), the catalog's view of a series, where a
 * buyer sees, before paying, the instant the decision will use, and the view of a sold registration (projection-service),
 * where the clinician and the registrar see the instant a cancellation asked for now would be judged by.
 */
public final class CancellationCutoff {

    /** Version 1's calendar days before the earliest class day. */
    public static final int V1_DAYS = 14;

    private CancellationCutoff() {
    }

    /** Version 1's cutoff for a series whose earliest class day is {@code earliestClassDay}. */
    public static Instant v1(LocalDate earliestClassDay) {
        return ProgramTime.startOf(earliestClassDay.minusDays(V1_DAYS));
    }

    /**
     * The cutoff under {@code policyVersion} ("v1"); empty for a version this code does not know, or no class day yet.
     */
    public static Optional<Instant> of(String policyVersion, LocalDate earliestClassDay) {
        return "v1".equals(policyVersion) && earliestClassDay != null ? Optional.of(v1(earliestClassDay)) : Optional.empty();
    }

    /**
     * The earliest class day a sold seat's cutoff counts from: the series' earliest day as it stands at the request, or,
     * while the series has not started, as it stood when the seat was sold if that is later. The page's "2 weeks in advance"
     * counts from the series' start (product rules), so a start the program postponed gives the later cutoff; a start it
     * brought forward after the sale does not make the cancellation late before the series starts, since the clinician did
     * not ask for the change (a fresh reviewer's finding, 2026-12-06: a registration sold months before its cutoff was
     * refused as late the day after such a move); once the series has started, its actual start governs (another reviewer's
     * finding: the sale's cutoff had fallen weeks after the moved start, so a clinician could attend and still cancel on
     * time). Every policy version counts from this day.
     *
     * @param firstDayNow       the date of the series' earliest class day now
     * @param firstDayStartsNow when that day starts (UTC)
     * @param firstDayAtSale    its date when the seat was sold ({@code RegistrationPlaced.firstClassDayAtSale}); null when
     *                          not recorded (registrations sold before 2026-12-06): then the day as it stands
     * @param at                when the cancellation is asked for, or the instant a view is read at (UTC)
     * @return the date the cutoff counts from
     */
    public static LocalDate earliestClassDayCounted(LocalDate firstDayNow, Instant firstDayStartsNow, LocalDate firstDayAtSale, Instant at) {
        boolean started = !at.isBefore(firstDayStartsNow);
        return !started && firstDayAtSale != null && firstDayAtSale.isAfter(firstDayNow) ? firstDayAtSale : firstDayNow;
    }

    /**
     * A sold seat's cutoff under {@code policyVersion}, for a cancellation asked for at {@code at}: {@link #of} counted from
     * {@link #earliestClassDayCounted}. Empty for a version this code does not know.
     */
    public static Optional<Instant> ofSeat(String policyVersion, LocalDate firstDayNow, Instant firstDayStartsNow,
                                           LocalDate firstDayAtSale, Instant at) {
        return of(policyVersion, earliestClassDayCounted(firstDayNow, firstDayStartsNow, firstDayAtSale, at));
    }
}
