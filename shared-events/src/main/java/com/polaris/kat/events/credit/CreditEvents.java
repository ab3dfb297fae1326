package com.polaris.kat.events.credit;

import com.polaris.kat.events.money.Money;

/** A clinician's credit: balance = issued - applied. Credit is never paid out as cash. */
public final class CreditEvents {
    private CreditEvents() {
    }

    public record CreditIssued(String clinicianId, String creditId, Money amount, String sourceSeriesId,
                               String sourceRegistrationId, Money balanceAfter) {
    }

    public record CreditApplied(String clinicianId, Money amount, String seriesId, String registrationId,
                                Money balanceAfter) {
    }
}
