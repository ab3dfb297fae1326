package com.polaris.kat.events.credit;

import org.axonframework.serialization.Revision;

import com.polaris.kat.events.money.Money;

import java.time.Instant;

/** A clinician's credit: balance = issued - applied. Credit is never paid out as cash. */
public final class CreditEvents {
    private CreditEvents() {
    }

    /** @param issuedAt when the credit arose (the cancellation's time) */
    @Revision("1")
    public record CreditIssued(String clinicianId, String creditId, Money amount, String sourceSeriesId,
                               String sourceRegistrationId, Money balanceAfter, Instant issuedAt) {
    }

    /**
     * Credit account stream ({@link CreditStreams}): {@code amount} (cents, more than 0, never more than the balance) of
     * the clinician's credit paid for registration {@code registrationId} in series {@code seriesId}, in the same transaction
     * as that registration (product rules, "Credit and transfers": no registration, no credit spent); the balance after it
     * and when (UTC).
     */
    @Revision("1")
    public record CreditApplied(String clinicianId, Money amount, String seriesId, String registrationId,
                                Money balanceAfter, Instant appliedAt) {
    }
}
