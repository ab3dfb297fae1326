package com.polaris.kat.projection.credit;

import com.polaris.kat.projection.streaming.Projection;
import com.polaris.kat.eventstore.position.EventPosition;
import com.polaris.kat.events.credit.CreditEvents.CreditApplied;
import com.polaris.kat.events.credit.CreditEvents.CreditIssued;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import com.polaris.kat.projection.streaming.ProjectionWriter;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Each clinician's credit history; the balance is the last entry's balance after it. */
@Component
@ProcessingGroup("credit")
public class CreditProjection extends Projection {

    private final ProjectionWriter writer;

    public CreditProjection(ProjectionWriter writer) {
        this.writer = writer;
    }

    private void insert(EventMessage<?> m, TrackingToken t, String clinicianId, Instant at, String type, long amount, long balanceAfter,
                        String seriesId, String registrationId) {
        writer.update("""
                INSERT INTO projection.credit_history (entry_id, position, clinician_id, occurred_at, entry_type, amount_cents,
                    balance_after_cents, series_id, registration_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO NOTHING""",
                m.getIdentifier(), EventPosition.of(t), clinicianId, java.sql.Timestamp.from(at), type, amount, balanceAfter,
                seriesId, registrationId);
    }

    @EventHandler
    void on(CreditIssued e, EventMessage<?> m, TrackingToken t) {
        insert(m, t, e.clinicianId(), e.issuedAt(), "ISSUED", e.amount().cents(), e.balanceAfter().cents(), e.sourceSeriesId(), e.sourceRegistrationId());
    }

    @EventHandler
    void on(CreditApplied e, EventMessage<?> m, TrackingToken t) {
        insert(m, t, e.clinicianId(), e.appliedAt(), "APPLIED", e.amount().cents(), e.balanceAfter().cents(), e.seriesId(), e.registrationId());
    }

    @ResetHandler
    void reset() {
        writer.update("DELETE FROM projection.credit_history"); // not TRUNCATE: readers keep the old rows until the reset commits
    }
}
