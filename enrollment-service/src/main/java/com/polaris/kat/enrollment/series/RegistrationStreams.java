package com.polaris.kat.enrollment.series;

import com.polaris.kat.events.enrollment.EnrollmentEvents.RegistrationPlaced;

/**
 * Starts a registration's own stream when its seat is sold, in the same unit of work (one database
 * transaction) as the series' {@code SeatTaken}. Production: {@code registration/RegistrationRepositoryStreams}
 * (Axon's repository); fixture tests pass a recorder.
 */
public interface RegistrationStreams {

    /** Creates the registration aggregate (id = {@code placed.registrationId()}) with this first event. */
    void start(RegistrationPlaced placed);
}
