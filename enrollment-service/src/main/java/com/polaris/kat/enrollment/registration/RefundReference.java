package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.rules.ReadableStreamAggregate;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.enrollment.EnrollmentEvents.ProcessorRefundReferenceTaken;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A processor's refund reference, taken by the one refund it settled (stream {@code refund-reference-<64 hex>}: the
 * SHA-256 of the reference as {@link RefundPayouts#referenceKey} compares it, so "RE_1 " and "re_1" are one stream). A
 * processor refund pays one refund, so its reference settles one refund in the ledger: a second registration's
 * settlement naming it is refused (finance reconciles each processor refund against one ledger entry; two entries
 * on one reference hide a payout that never happened). Its own refund's reversal keeps it taken (a reversed payout's
 * reference settles nothing again, {@link RefundPayouts}).
 * <p>
 * Taken in the settling payout's unit of work (its transaction in PostgreSQL mode, its append transaction in Axon Server
 * mode); two settlements naming one new reference both append its sequence number 0, the store refuses the second, which is
 * retried and then finds it taken. Not cached: a payout is rare and the stream holds one event.
 */
@Aggregate
public class RefundReference extends ReadableStreamAggregate {

    /** Stream ids start with this. */
    public static final String STREAM_PREFIX = "refund-reference-";

    @AggregateIdentifier
    private String streamId;
    private String reference;
    private String seriesId;
    private String registrationId;

    /** For Axon (sourcing from the stream). */
    protected RefundReference() {
    }

    /** The settling payout of registration {@code registrationId} takes {@code reference} at {@code at} (UTC). */
    RefundReference(String reference, String seriesId, String registrationId, Instant at) {
        apply(new ProcessorRefundReferenceTaken(streamIdOf(reference), reference, seriesId, registrationId, at));
    }

    /**
     * The stream of a reference: {@value #STREAM_PREFIX} and the SHA-256 (hex, 64 characters) of its compared form
     * ({@link RefundPayouts#referenceKey}: NFKC, no invisible characters or surrounding spaces, lower case). Hashed so that
     * a stream id is a fixed length and of plain characters whatever a processor's references look like.
     */
    static String streamIdOf(String reference) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(RefundPayouts.referenceKey(reference).getBytes(StandardCharsets.UTF_8));
            return STREAM_PREFIX + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Refuses a settlement of registration {@code registrationId}'s refund naming this taken reference.
     *
     * @throws Refusal invalid-payout (422, field processorRefundReference), naming the registration whose refund it settled
     */
    Refusal taken(String registrationId) {
        String whose = registrationId.equals(this.registrationId) ? "this refund's payout that was reversed"
                : "the refund of registration " + this.registrationId + " (" + com.polaris.kat.events.catalog.SeriesIds.named(seriesId) + "), whether or not that payout was"
                + " reversed since";
        return Refusal.invalidField("invalid-payout", "processorRefundReference", "The processor's refund reference " + reference
                + " already settled " + whose + "; a processor refund pays one refund. Check the reference in the processor's records.");
    }

    @EventSourcingHandler
    void on(ProcessorRefundReferenceTaken e) {
        streamId = e.referenceStreamId();
        reference = e.processorRefundReference();
        seriesId = e.seriesId();
        registrationId = e.registrationId();
    }
}
