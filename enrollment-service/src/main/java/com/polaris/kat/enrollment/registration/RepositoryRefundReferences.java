package com.polaris.kat.enrollment.registration;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * {@link RefundReferences} through Axon's repository of {@link RefundReference}: the reference's stream is loaded (and
 * locked) in the settling payout's unit of work, and a reference never taken is created there, so its event is appended
 * in the payout's transaction (one Axon Server append transaction in that mode). Lock order: the registration, then the
 * reference (no command takes them the other way round).
 */
@Component
public class RepositoryRefundReferences implements RefundReferences {

    private final Repository<RefundReference> references;

    /** @param refundReferenceRepository Axon's event-sourcing repository of {@link RefundReference} */
    public RepositoryRefundReferences(@Lazy Repository<RefundReference> refundReferenceRepository) {
        this.references = refundReferenceRepository;
    }

    @Override
    public void take(String reference, String seriesId, String registrationId, Instant at) {
        Aggregate<RefundReference> taken;
        try {
            taken = references.load(RefundReference.streamIdOf(reference));
        } catch (AggregateNotFoundException e) {
            try {
                references.newInstance(() -> new RefundReference(reference, seriesId, registrationId, at));
            } catch (RuntimeException r) {
                throw r;
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
            return;
        }
        throw taken.invoke(r -> r.taken(registrationId));
    }
}
