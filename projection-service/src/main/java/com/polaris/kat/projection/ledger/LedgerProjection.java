package com.polaris.kat.projection.ledger;

import com.polaris.kat.projection.streaming.Projection;
import com.polaris.kat.eventstore.position.EventPosition;
import com.polaris.kat.events.credit.CreditEvents.CreditApplied;
import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutFailed;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutSettled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationCancelled;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.RefundDecision;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import com.polaris.kat.projection.streaming.ProjectionWriter;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * One immutable ledger entry per money movement or decision, keyed by the event that caused it, so
 * a redelivered event inserts nothing. Entries are never updated: a later fact is a later entry.
 */
@Component
@ProcessingGroup("ledger")
public class LedgerProjection extends Projection {

    private final ProjectionWriter writer;

    public LedgerProjection(ProjectionWriter writer) {
        this.writer = writer;
    }

    private record Entry(String type, String seriesId, String registrationId, String clinicianId, long amount, long adminFee,
                         long processingFee, long retained, String policyVersion, String rule, String reference, String note,
                         String reverses) {
        Entry(String type, String seriesId, String registrationId, String clinicianId, long amount, long adminFee,
              long processingFee, long retained, String policyVersion, String rule, String reference, String note) {
            this(type, seriesId, registrationId, clinicianId, amount, adminFee, processingFee, retained, policyVersion, rule, reference, note, null);
        }
    }

    private void insert(EventMessage<?> m, TrackingToken token, Instant occurredAt, String actor, Entry e) {
        writer.update("""
                INSERT INTO projection.ledger_entry (entry_id, position, occurred_at, entry_type, series_id, registration_id, clinician_id,
                    amount_cents, admin_fee_cents, processing_fee_cents, retained_cents, policy_version, rule, reference, note, actor, reverses_entry_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO NOTHING""",
                m.getIdentifier(), EventPosition.of(token), java.sql.Timestamp.from(occurredAt), e.type(), e.seriesId(),
                e.registrationId(), e.clinicianId(), e.amount(), e.adminFee(), e.processingFee(), e.retained(), e.policyVersion(),
                e.rule(), e.reference(), e.note(), actor, e.reverses());
    }

    @EventHandler
    void on(RegistrationPlaced e, EventMessage<?> m, TrackingToken token, @MetaDataValue("actor") String actor) {
        if (e.payment().amountPaid().isPositive()) {
            insert(m, token, e.registeredAt(), actor, new Entry("PAYMENT_RECEIVED", e.seriesId(), e.registrationId(), e.clinicianId(),
                    e.payment().amountPaid().cents(), 0, e.payment().processingFee().cents(), 0, null, null,
                    e.payment().chargeReference(), null));
        }
    }

    /**
     * The decision's cash part is split so that the parts add up to it exactly: refund + admin fee
     * kept + processing fee kept + retained (the unrefunded half of a late refund) + cash turned into
     * credit. When the fees exceed what they come off, only what was there is kept.
     * <p>
     * The refund decided, without a note: the clinician's reason for cancelling is theirs (sealed in the event, erased with
     * their contact details) and not finance's to read; the rule and the amounts say why the refund is what it is (a fresh
     * reviewer found a clinician's health in the ledger's note, also after an erasure).
     */
    @EventHandler
    void on(RegistrationCancelled e, EventMessage<?> m, TrackingToken token, @MetaDataValue("actor") String actor) {
        RefundDecision d = e.decision();
        long cash = d.cashPaid().cents();
        long base = d.refundBase().cents();
        long adminKept = d.adminFeeKept().cents();
        long feeKept = d.processingFeeKept().cents();
        long cashToCredit = d.creditIssued().cents() - d.creditPaid().cents();
        long retained = cash - base - cashToCredit;
        insert(m, token, d.requestedAt(), actor, new Entry("REFUND_DECIDED", e.seriesId(), e.registrationId(), e.clinicianId(),
                d.refundAmount().cents(), adminKept, feeKept, retained, d.policyVersion(), d.rule(), null, null));
    }

    @EventHandler
    void on(RefundPayoutSettled e, EventMessage<?> m, TrackingToken token, @MetaDataValue("actor") String actor) {
        insert(m, token, e.recordedAt(), actor, new Entry("PAYOUT_SETTLED", e.seriesId(), e.registrationId(), clinicianOf(e.registrationId()),
                e.amount().cents(), 0, 0, 0, null, null, e.processorRefundReference(), "attempt " + e.attempt()));
    }

    @EventHandler
    void on(RefundPayoutFailed e, EventMessage<?> m, TrackingToken token, @MetaDataValue("actor") String actor) {
        insert(m, token, e.recordedAt(), actor, new Entry("PAYOUT_FAILED", e.seriesId(), e.registrationId(), clinicianOf(e.registrationId()),
                e.amount().cents(), 0, 0, 0, null, null, null, "attempt " + e.attempt() + ": " + e.failureReason()));
    }

    /** Names the ledger entry of the settled payout it reverses. */
    @EventHandler
    void on(com.polaris.kat.events.enrollment.EnrollmentEvents.RefundPayoutReversed e, EventMessage<?> m, TrackingToken token,
            @MetaDataValue("actor") String actor) {
        String reversed = writer.queryForList("SELECT entry_id FROM projection.ledger_entry WHERE registration_id = ? AND entry_type = 'PAYOUT_SETTLED' "
                + "AND reference = ? ORDER BY position DESC LIMIT 1", String.class, e.registrationId(), e.reversesProcessorRefundReference())
                .stream().findFirst().orElse(null);
        insert(m, token, e.recordedAt(), actor, new Entry("PAYOUT_REVERSED", e.seriesId(), e.registrationId(), clinicianOf(e.registrationId()),
                e.amount().cents(), 0, 0, 0, null, null, e.reversesProcessorRefundReference(), e.reason(), reversed));
    }

    @EventHandler
    void on(CreditIssued e, EventMessage<?> m, TrackingToken token, @MetaDataValue("actor") String actor) {
        insert(m, token, e.issuedAt(), actor, new Entry("CREDIT_ISSUED", e.sourceSeriesId(), e.sourceRegistrationId(), e.clinicianId(),
                e.amount().cents(), 0, 0, 0, null, null, e.creditId(), null));
    }

    @EventHandler
    void on(CreditApplied e, EventMessage<?> m, TrackingToken token, @MetaDataValue("actor") String actor) {
        insert(m, token, e.appliedAt(), actor, new Entry("CREDIT_APPLIED", e.seriesId(), e.registrationId(), e.clinicianId(),
                e.amount().cents(), 0, 0, 0, null, null, null, null));
    }

    /** Payout events name the registration; the ledger's own earlier entry names its clinician. */
    private String clinicianOf(String registrationId) {
        return writer.queryForList("SELECT clinician_id FROM projection.ledger_entry WHERE registration_id = ? AND entry_type = 'REFUND_DECIDED'",
                String.class, registrationId).stream().findFirst().orElse("unknown");
    }

    @ResetHandler
    void reset() {
        writer.update("DELETE FROM projection.ledger_entry"); // not TRUNCATE: readers keep the old rows until the reset commits
    }
}
