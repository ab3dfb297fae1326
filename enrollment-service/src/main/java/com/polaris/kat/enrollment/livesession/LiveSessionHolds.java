package com.polaris.kat.enrollment.livesession;

import com.polaris.kat.events.livesession.LiveSessionEvents.HeldFor;

import java.time.Instant;
import java.util.Collection;

/**
 * The clinician's places on live sessions, held and freed in the current command's unit of work (one transaction; one Axon
 * Server append transaction), after every other stream the command takes. The rule is {@link ClinicianLiveSessions};
 * production: {@link RepositoryLiveSessionHolds}; aggregate tests pass a recorder.
 */
public interface LiveSessionHolds {

    /**
     * What a place is asked for, as a refusal's advice names the way out: a registration or a credit transfer may choose
     * another series, an offer's acceptance is for the one series it holds a seat in (the clinician may decline it), a
     * make-up may choose another day. The place is stored as a seat or a make-up ({@link #heldFor()}).
     */
    enum Asking {
        SEAT, OFFER, MAKE_UP;

        /** As the place is stored: a make-up's is {@code MAKE_UP}, a registration's and an offer's {@code SEAT}. */
        public HeldFor heldFor() {
            return this == MAKE_UP ? HeldFor.MAKE_UP : HeldFor.SEAT;
        }
    }

    /**
     * Holds places for the registration on these class days ({@link ClinicianLiveSessions#hold}). A clinician whose first
     * data keys were made earlier in the same command ({@code privacy/ClaimedSealing#firstKeysMadeFor}) holds none yet:
     * their stream is started without reading it (a stream there all the same is a write conflict, and the retry reads).
     *
     * @param classDays the class days with the dates they run on now
     * @param asking    a seat (registration, credit transfer), an offer's seat, or a make-up
     * @throws com.polaris.kat.enrollment.rules.Refusal class-day-already-held, date-already-held (409)
     */
    void hold(String clinicianId, String registrationId, String seriesId, int seriesNumber, java.util.SortedMap<String, java.time.LocalDate> classDays,
              Asking asking, Instant at);

    /**
     * A class day moved: each clinician holding a place on it records its new date ({@link ClinicianLiveSessions#dayMoved}),
     * after every other stream the move takes, in ascending clinician order.
     *
     * @param clinicianIds the clinicians holding a seat in a series using the day or a make-up on it
     * @param reason       the move's reason, as staff gave it
     * @throws com.polaris.kat.enrollment.rules.Refusal date-already-held (409, field newDate) when one of them holds a place on
     *                                                  another class day on the new date, naming every such clinician's
     *                                                  registrations; member {@code heldThrough}, per place in the way
     */
    void followMove(java.util.SortedSet<String> clinicianIds, String classDayId, java.time.LocalDate toDate, String reason, Instant at);

    /**
     * Frees the registration's places on these class days, every one it holds when {@code classDayIds} is null
     * ({@link ClinicianLiveSessions#free}); nothing for a clinician who never held one.
     */
    void free(String clinicianId, String registrationId, Collection<String> classDayIds, String reason, Instant at);
}
