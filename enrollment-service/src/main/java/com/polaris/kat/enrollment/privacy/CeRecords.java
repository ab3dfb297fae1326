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
 * When a clinician's CE record last changed: the newest CE event on the streams of their registrations that can hold a
 * CE record, timed by the event's timestamp (UTC). A registration can hold one only with the CE option (product rules:
 * "CE hours are earned only on registrations with the CE option"); on it, the CE events are attendance and its
 * corrections, evaluations and CE decisions, and, while it is not cancelled, the registration itself and its make-ups (an active
 * registration's CE record is still to be written: its identity must be there when its hours are earned). Refund payouts
 * are money, not CE. So a clinician whose registrations are all without the CE option, or cancelled before anything of
 * CE was recorded, has no CE record, and an erasure request shreds their name and license at once (product rules,
 * "Personal data": they serve the CE record; a fresh reviewer saw them kept six years for such clinicians, 2026-12-06).
 * The streams are read through Axon's event store, so the same lookup serves the PostgreSQL store and Axon Server; only
 * the events' types and timestamps are looked at, and the first event's payload (the registration).
 */
@Component
public class CeRecords {

    /** What was recorded of CE: attendance and its corrections, evaluations, CE decisions. */
    static final Set<Class<?>> CE_EVENT_TYPES = Set.of(
            AttendanceEvents.AttendanceRecorded.class, AttendanceEvents.AttendanceCorrected.class,
            AttendanceEvents.ModuleEvaluationCompleted.class, AttendanceEvents.ModuleEvaluationWithdrawn.class, AttendanceEvents.ModuleCeCreditEarned.class,
            AttendanceEvents.ModuleCeCreditRevoked.class, AttendanceEvents.ModuleCeCreditNotEarned.class,
            AttendanceEvents.ModuleCeCreditUpheld.class);

    /**
     * Make-ups: where a module is to be attended, part of an active registration's CE record to come, but nothing of CE
     * recorded: a cancelled registration whose only such events are make-ups holds no CE record (a fresh reviewer,
     * 2026-12-06: a make-up freed by the cancellation had kept the identity six years).
     */
    static final Set<Class<?>> MAKE_UP_EVENT_TYPES = Set.of(AttendanceEvents.MakeUpBooked.class, AttendanceEvents.MakeUpCancelled.class,
            AttendanceEvents.MakeUpRescheduled.class);

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
            last = later(last, lastCeEventOf(clinicianId, eventStore.readEvents(registrationId)));
        }
        return Optional.ofNullable(last);
    }

    /**
     * The newest CE event of one registration's stream (class comment); null when it holds no CE record: not the
     * clinician's registration, without the CE option, or cancelled with nothing of CE recorded.
     */
    static Instant lastCeEventOf(String clinicianId, DomainEventStream events) {
        if (!events.hasNext()) {
            return null;
        }
        DomainEventMessage<?> first = events.next();
        if (!(first.getPayload() instanceof EnrollmentEvents.RegistrationPlaced placed && clinicianId.equals(placed.clinicianId()))
                || !placed.ceOption()) {
            return null; // another clinician's registration (or no registration), or one that can hold no CE record
        }
        Instant last = null;
        Instant lastMakeUp = null;
        boolean cancelled = false;
        while (events.hasNext()) {
            DomainEventMessage<?> e = events.next();
            if (e.getPayloadType() == EnrollmentEvents.RegistrationCancelled.class) {
                cancelled = true;
            } else if (CE_EVENT_TYPES.contains(e.getPayloadType())) {
                last = later(last, e.getTimestamp());
            } else if (MAKE_UP_EVENT_TYPES.contains(e.getPayloadType())) {
                lastMakeUp = later(lastMakeUp, e.getTimestamp());
            }
        }
        if (last == null && cancelled) {
            return null; // cancelled before anything of CE was recorded: make-ups it held were only bookings
        }
        return later(later(last, lastMakeUp), first.getTimestamp());
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }
}
