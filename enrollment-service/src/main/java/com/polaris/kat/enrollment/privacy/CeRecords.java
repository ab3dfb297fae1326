package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.eventstore.personal.PersonalDataVault;
import com.polaris.kat.events.attendance.AttendanceEvents;
import com.polaris.kat.events.enrollment.EnrollmentEvents;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a clinician's CE record last changed: the newest CE event (registration, attendance and its
 * corrections, evaluations, CE decisions, make-ups) on the streams of their registrations (refund
 * payouts are money, not CE). Its time is the event's timestamp (UTC). The streams are read through
 * Axon's event store, so the same lookup serves the PostgreSQL store and Axon Server; only the
 * events' types and timestamps are looked at (payloads are not deserialized).
 */
@Component
public class CeRecords {

    static final Set<Class<?>> CE_EVENT_TYPES = Set.of(EnrollmentEvents.RegistrationPlaced.class,
            AttendanceEvents.AttendanceRecorded.class, AttendanceEvents.AttendanceCorrected.class,
            AttendanceEvents.ModuleEvaluationCompleted.class, AttendanceEvents.ModuleCeCreditEarned.class,
            AttendanceEvents.ModuleCeCreditRevoked.class, AttendanceEvents.ModuleCeCreditNotEarned.class, AttendanceEvents.MakeUpBooked.class,
            AttendanceEvents.MakeUpCancelled.class, AttendanceEvents.MakeUpRescheduled.class, AttendanceEvents.ModuleCeCreditUpheld.class);

    private final EventStore eventStore;
    private final PersonalDataVault vault;

    /**
     * @param eventStore the event store (PostgreSQL or Axon Server)
     * @param vault      knows the registrations a clinician's data keys were made for
     */
    public CeRecords(@Lazy EventStore eventStore, PersonalDataVault vault) {
        this.eventStore = eventStore;
        this.vault = vault;
    }

    /**
     * @return the newest CE event's time, empty when the clinician has none. Only streams that are the clinician's own
     * registrations count (their first event a {@code RegistrationPlaced} naming the clinician): the ids noted for a
     * clinician also include their waitlist places, and a client-chosen registration id may equal another clinician's
     * place id (a fresh reviewer's finding, 2026-12-01: an erasure's retention was computed from another person's record)
     */
    public Optional<Instant> lastCeEventAt(String clinicianId) {
        List<String> registrations = vault.registrationsOf(clinicianId);
        Instant last = null;
        for (String registrationId : registrations) {
            DomainEventStream events = eventStore.readEvents(registrationId);
            boolean first = true;
            while (events.hasNext()) {
                DomainEventMessage<?> e = events.next();
                if (first && !(e.getPayload() instanceof EnrollmentEvents.RegistrationPlaced placed && clinicianId.equals(placed.clinicianId()))) {
                    break; // another clinician's registration (or no registration): not this clinician's CE record
                }
                first = false;
                if (CE_EVENT_TYPES.contains(e.getPayloadType()) && (last == null || e.getTimestamp().isAfter(last))) {
                    last = e.getTimestamp();
                }
            }
        }
        return Optional.ofNullable(last);
    }
}
