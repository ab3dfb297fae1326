package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.series.RegistrationStreams;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@link RegistrationStreams} through Axon's registration repository: {@code newInstance} in the
 * current command's unit of work, so the registration's first event is appended in the same
 * database transaction as the series' {@code SeatTaken}. A registration id that already names a
 * stream (a registration of another series or request, a credit account: ids are client-chosen
 * UUIDs) is refused with 422 {@code idempotency-key-reused} before anything is appended; it had
 * collided on the store's unique (stream, sequence) index, been retried as a write conflict and
 * answered 503 {@code write-conflict} for ever (found by the fuzz test of issue 14).
 */
@Component
public class RegistrationRepositoryStreams implements RegistrationStreams {

    private final Repository<Registration> registrations;
    private final org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    /**
     * @param registrationRepository Axon's event-sourcing repository of {@link Registration}
     * @param eventStore             the event store, asked whether the id already names a stream
     */
    public RegistrationRepositoryStreams(@Lazy Repository<Registration> registrationRepository,
                                         @Lazy org.axonframework.eventsourcing.eventstore.EventStore eventStore) {
        this.registrations = registrationRepository;
        this.eventStore = eventStore;
    }

    /** @throws com.polaris.kat.enrollment.rules.Refusal idempotency-key-reused (422) when the registration id already names a stream */
    @Override
    public void start(RegistrationPlaced placed) {
        if (eventStore.lastSequenceNumberFor(placed.registrationId()).isPresent()) {
            throw com.polaris.kat.enrollment.rules.Refusal.invalid("idempotency-key-reused", "The registration id " + placed.registrationId()
                    + " was first used for a different request; send a new id (or none) for a new registration.");
        }
        try {
            registrations.newInstance(() -> new Registration(placed));
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
