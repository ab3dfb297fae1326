package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.config.RetriedCommands;
import com.polaris.kat.enrollment.series.RegistrationStreams;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@link RegistrationStreams} through Axon's registration repository: {@code newInstance} in the
 * current command's unit of work, so the registration's first event is appended in the same
 * database transaction as the series' {@code SeatTaken}. A registration id that already names a
 * stream (a registration of another series or request: ids are client-chosen UUIDs) is refused with
 * 422 {@code idempotency-key-reused}. The store is asked only on a retry after a write conflict
 * ({@link RetriedCommands#handlingARetry}): such an id collides on the store's unique (stream,
 * sequence) index, or Axon Server's sequence check, at the first attempt's append, which is retried,
 * and the retry asks and refuses. (Before the retry asked, it had answered 503 {@code write-conflict}
 * for ever, found by the fuzz test of issue 14; asking on every attempt was one of a registration's
 * five round trips, issue 12.)
 */
@Component
public class RegistrationRepositoryStreams implements RegistrationStreams {

    private final Repository<Registration> registrations;
    private final com.polaris.kat.eventstore.personal.PersonalDataVault vault;
    private final org.axonframework.eventsourcing.eventstore.EventStore eventStore;
    private final com.polaris.kat.enrollment.privacy.ErasureRegister erasures;
    private final com.polaris.kat.enrollment.livesession.LiveSessionHolds liveSessions;

    /**
     * @param registrationRepository Axon's event-sourcing repository of {@link Registration}
     * @param vault                  seals the clinician's personal fields with their data keys
     * @param eventStore             the event store, asked whether the id already names a stream
     * @param erasures               the erasure requests (enrollment.erasure_request), read in the command's transaction
     * @param liveSessions           the clinician's places on live sessions
     */
    public RegistrationRepositoryStreams(@Lazy Repository<Registration> registrationRepository,
                                         com.polaris.kat.eventstore.personal.PersonalDataVault vault,
                                         @Lazy org.axonframework.eventsourcing.eventstore.EventStore eventStore,
                                         com.polaris.kat.enrollment.privacy.ErasureRegister erasures,
                                         com.polaris.kat.enrollment.livesession.LiveSessionHolds liveSessions) {
        this.liveSessions = liveSessions;
        this.vault = vault;
        this.registrations = registrationRepository;
        this.eventStore = eventStore;
        this.erasures = erasures;
    }

    @Override
    public void holdClassDays(String clinicianId, String registrationId, String seriesId, int seriesNumber,
                              java.util.SortedMap<String, java.time.LocalDate> classDays, boolean acceptingAnOffer, java.time.Instant at) {
        liveSessions.hold(clinicianId, registrationId, seriesId, seriesNumber, classDays,
                acceptingAnOffer ? com.polaris.kat.enrollment.livesession.LiveSessionHolds.Asking.OFFER
                        : com.polaris.kat.enrollment.livesession.LiveSessionHolds.Asking.SEAT, at);
    }

    @Override
    public java.util.Optional<java.time.Instant> erasureRequestedAt(String clinicianId) {
        return erasures.latestRequest(clinicianId);
    }

    @Override
    public com.polaris.kat.events.enrollment.SealedClinician seal(String clinicianId, String registrationId,
                                                                  com.polaris.kat.events.enrollment.Clinician clinician, java.time.Instant at) {
        // sealed in the statement that took the command's idempotency claim, when it had one (privacy/ClaimedSealing)
        return com.polaris.kat.enrollment.privacy.ClaimedSealing.sealedAhead(clinicianId, registrationId, clinician).orElseGet(() -> {
            com.polaris.kat.eventstore.personal.PersonalDataVault.Sealing sealing = vault.seal(clinicianId, registrationId, clinician, at, null);
            if (org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()) {
                com.polaris.kat.enrollment.privacy.ClaimedSealing.noteFirstKeys(
                        org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get(), clinicianId, sealing);
            }
            return sealing.sealed();
        });
    }

    /**
     * @throws com.polaris.kat.enrollment.rules.Refusal idempotency-key-reused (422) when the registration id already
     *                                                  names a stream (found on a retry after a write conflict)
     */
    @Override
    public void start(RegistrationPlaced placed) {
        if (RetriedCommands.handlingARetry() && eventStore.lastSequenceNumberFor(placed.registrationId()).isPresent()) {
            // the id was given, or derived from the Idempotency-Key: the words name both (a fresh reviewer's key-only request was
            // told to send a new id it had never sent)
            throw com.polaris.kat.enrollment.rules.Refusal.invalid("idempotency-key-reused", "The registration id " + placed.registrationId()
                    + " (the request's own, or the one its Idempotency-Key gives) was first used for a different request; for a new"
                    + " registration send a new Idempotency-Key, or a new registration id.");
        }
        try {
            registrations.newInstance(() -> new Registration(placed));
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
