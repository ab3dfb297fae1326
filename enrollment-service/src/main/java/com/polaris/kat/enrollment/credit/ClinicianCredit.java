package com.polaris.kat.enrollment.credit;

import com.polaris.kat.events.money.Money;

import java.time.Instant;

/**
 * What a registration's cancellation asks of the clinician's credit account, in the cancellation's
 * own unit of work: the credit it gives (a late cancellation for credit, or the credit part of a
 * registration paid with credit) is on the balance when the cancellation is acknowledged, so the
 * front end's next click, a transfer, finds it (issue 14). Production: {@link RepositoryClinicianCredit};
 * fixture tests pass a stub.
 * <p>
 * Lock order of every command that takes several streams: registration, then series, then credit
 * account, then class days in ascending id order, then the clinician's live sessions (livesession/LiveSessionHolds) (a settled payout: registration, then its processor refund
 * reference's stream, which no other command takes); so no two commands wait on each other in a cycle.
 */
public interface ClinicianCredit {

    /** The credit id of a cancellation's credit: one per cancelled registration, so it is issued once. */
    static String creditIdFor(String registrationId) {
        return "cancellation:" + registrationId;
    }

    /**
     * Issues credit on the clinician's account (a {@code CreditIssued} on the account's stream, the
     * account started when it has none). Issuing the same {@code creditId} again appends nothing.
     *
     * @param amount more than zero, in cents
     * @param at     the cancellation's request instant (UTC)
     * @throws com.polaris.kat.enrollment.rules.Refusal invalid-credit (400) for an amount of zero or less
     */
    void issue(String clinicianId, String creditId, Money amount, String sourceSeriesId, String sourceRegistrationId, Instant at);
}
