package com.polaris.kat.enrollment.series;

import com.polaris.kat.events.enrollment.Clinician;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import com.polaris.kat.events.enrollment.SealedClinician;

import java.time.Instant;

/**
 * Starts a registration's own stream when its seat is sold, in the same unit of work (one database
 * transaction) as the series' {@code SeatTaken}. Production: {@code registration/RegistrationRepositoryStreams}
 * (Axon's repository); fixture tests pass a recorder.
 */
public interface RegistrationStreams {

    /** Creates the registration aggregate (id = {@code placed.registrationId()}) with this first event. */
    void start(RegistrationPlaced placed);

    /**
     * Holds the clinician's places on the series' class days for the registration, on the clinician's live-sessions stream,
     * after every other stream the sale takes (production: livesession/LiveSessionHolds, the rule
     * livesession/ClinicianLiveSessions).
     *
     * @param classDays        every class day of the series, with the date it runs on now
     * @param acceptingAnOffer the seat is an open offer's (a refusal then advises about the offer, not another series)
     * @throws com.polaris.kat.enrollment.rules.Refusal class-day-already-held (409) when another registration of the
     *                                                  clinician (a seat of another series sharing a day, or a make-up) holds one;
     *                                                  date-already-held (409) when it holds a place on another day on one of their dates
     */
    void holdClassDays(String clinicianId, String registrationId, String seriesId, int seriesNumber,
                       java.util.SortedMap<String, java.time.LocalDate> classDays, boolean acceptingAnOffer, Instant at);

    /**
     * Seals the clinician's personal data for the registration's first event, with their data keys
     * (made in this unit of work when they have none): production {@code PersonalDataVault.seal}.
     */
    SealedClinician seal(String clinicianId, String registrationId, Clinician clinician, Instant at);

    /**
     * When the clinician's personal data was last asked to be erased, if ever (UTC; production: privacy/ErasureRegister,
     * read in this unit of work's transaction after the sealing, which waits for an erasure's shredding in flight). A
     * waitlist place joined before it was withdrawn by it (product rules "Personal data": an open offer is declined),
     * though the step that declines it runs just after the erasure.
     */
    java.util.Optional<Instant> erasureRequestedAt(String clinicianId);
}
