package com.polaris.kat.events.credit;

import com.polaris.kat.events.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

    /** Commands on a clinician's credit account (its stream: {@link CreditStreams}). */
public final class CreditCommands {
    private CreditCommands() {
    }

    /** Credit from a cancellation; {@code creditId} names its source so it is issued once. */
    public record IssueCredit(String clinicianId, String creditId, Money amount,
                              String sourceSeriesId, String sourceRegistrationId, java.time.Instant issuedAt) {

        /** The credit account's stream, {@link CreditStreams#of}. */
        @TargetAggregateIdentifier
        public String accountId() {
            return CreditStreams.of(clinicianId);
        }
    }
}
