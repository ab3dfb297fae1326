package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.rules.Refusal;

import java.time.Instant;

/**
 * The processor refund references settled payouts have taken ({@link RefundReference}), in the current command's unit of
 * work: what a settlement asks and records. Production: {@link RepositoryRefundReferences}; fixture tests pass a stub.
 */
public interface RefundReferences {

    /**
     * Registration {@code registrationId}'s settling payout takes {@code reference} at {@code at} (UTC), appended in the
     * command's own unit of work.
     *
     * @throws Refusal invalid-payout (422, field processorRefundReference) when a settled payout took it before (another
     *                 refund's, or this refund's reversed one)
     */
    void take(String reference, String seriesId, String registrationId, Instant at);
}
