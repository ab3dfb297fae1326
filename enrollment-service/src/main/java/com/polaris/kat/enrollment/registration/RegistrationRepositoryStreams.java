package com.polaris.kat.enrollment.registration;

import com.polaris.kat.enrollment.series.RegistrationStreams;
import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@link RegistrationStreams} through Axon's registration repository: {@code newInstance} in the
 * current command's unit of work, so the registration's first event is appended in the same
 * database transaction as the series' {@code SeatTaken}.
 */
@Component
public class RegistrationRepositoryStreams implements RegistrationStreams {

    private final Repository<Registration> registrations;
    private final com.polaris.kat.eventstore.personal.PersonalDataVault vault;

    /** @param registrationRepository Axon's event-sourcing repository of {@link Registration} */
    public RegistrationRepositoryStreams(@Lazy Repository<Registration> registrationRepository,
                                        com.polaris.kat.eventstore.personal.PersonalDataVault vault) {
        this.vault = vault;
        this.registrations = registrationRepository;
    }

    @Override
    public com.polaris.kat.events.enrollment.SealedClinician seal(String clinicianId, String registrationId,
                                                                  com.polaris.kat.events.enrollment.Clinician clinician, java.time.Instant at) {
        return vault.seal(clinicianId, registrationId, clinician, at);
    }

    @Override
    public void start(RegistrationPlaced placed) {
        try {
            registrations.newInstance(() -> new Registration(placed));
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
