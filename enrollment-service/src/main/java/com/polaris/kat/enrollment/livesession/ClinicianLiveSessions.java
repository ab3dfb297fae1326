package com.polaris.kat.enrollment.livesession;

import com.polaris.kat.enrollment.rules.ReadableStreamAggregate;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.livesession.LiveSessionEvents.HeldFor;
import com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionsFreed;
import com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionsHeld;
import com.polaris.kat.events.livesession.LiveSessionStreams;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The class days (live sessions) one clinician holds a place on (stream {@code live-sessions-<clinicianId>},
 * {@link LiveSessionStreams}): the rule that a clinician holds at most one place on a class day, a seat of one series or one
 * make-up. A class day is one live session for every series using it (product rules, "The program and its catalog"), so a
 * second place on it would be a second seat in one room and would let one session count twice for CE (docs/decisions.md,
 * "one place per live session").
 * <p>
 * Loaded (or started) and locked in the unit of work that sells the seat, cancels the registration, or books, moves or
 * cancels the make-up, always after every other stream that command takes; two such commands for one clinician, on one
 * instance or several, append to this stream at one sequence number and the second is retried and decides on the first.
 */
@Aggregate(cache = "liveSessionsCache")
public class ClinicianLiveSessions extends ReadableStreamAggregate {

    @AggregateIdentifier
    private String streamId;
    /** Class day id to the place held on it. */
    private final Map<String, Place> places = new HashMap<>();

    private record Place(String registrationId, String seriesId, int seriesNumber, HeldFor heldFor) {
    }

    /** For Axon, and for a clinician's first place (the stream is started by {@link #hold}). */
    public ClinicianLiveSessions() {
    }

    /**
     * Holds places for the registration on these class days ({@code LiveSessionsHeld} with those not held by it yet; nothing
     * when it holds them all already, as on a repeated request).
     *
     * @param clinicianId    the clinician's pseudonymous id
     * @param registrationId the registration the places are for
     * @param seriesId       the registration's own series ("series-20")
     * @param seriesNumber   its number, as a refusal names it
     * @param classDayIds    the class days (a seat: every day of the series; a make-up: its day)
     * @param heldFor        a seat or a make-up
     * @param at             when (UTC)
     * @throws Refusal class-day-already-held (409) when another registration of the clinician holds a place on one of these
     *                 days; members {@code classDayIds} (those days, ascending) and {@code seriesId} (the series of the
     *                 first day's holder; the holder's id is not told)
     */
    public void hold(String clinicianId, String registrationId, String seriesId, int seriesNumber, Collection<String> classDayIds,
                     HeldFor heldFor, Instant at) {
        TreeSet<String> taken = new TreeSet<>();
        TreeSet<String> fresh = new TreeSet<>();
        for (String day : classDayIds) {
            Place place = places.get(day);
            if (place == null) {
                fresh.add(day);
            } else if (!place.registrationId().equals(registrationId)) {
                taken.add(day);
            }
        }
        if (!taken.isEmpty()) {
            Place holder = places.get(taken.first());
            // the holding registration is named by its series, not its id: a front end that sent someone else's e-mail address
            // learns no registration id it could then read or cancel (as already-registered names the series only)
            throw Refusal.conflict("class-day-already-held", "The clinician already holds a place on class day"
                            + (taken.size() == 1 ? " " : "s ") + String.join(", ", taken) + " through "
                            + (holder.heldFor() == HeldFor.MAKE_UP ? "a make-up booked by their registration" : "their registration")
                            + " in Series " + holder.seriesNumber()
                            + ". A class day is one live session for every series using it, attended and counted for CE once; cancel "
                            + (holder.heldFor() == HeldFor.MAKE_UP ? "that make-up" : "that registration") + " first, or choose "
                            + (heldFor == HeldFor.MAKE_UP ? "another day for the make-up." : "a series that does not share these class days."))
                    .with("classDayIds", List.copyOf(taken)).with("seriesId", holder.seriesId());
        }
        if (!fresh.isEmpty()) {
            apply(new LiveSessionsHeld(clinicianId, registrationId, seriesId, seriesNumber, List.copyOf(fresh), heldFor, at));
        }
    }

    /**
     * Frees the registration's places on these class days, or on every day it holds when {@code classDayIds} is null
     * ({@code LiveSessionsFreed}; nothing when it holds none of them).
     *
     * @param reason the service's words: "registration cancelled", "make-up cancelled", "make-up moved to &lt;day&gt;"
     */
    public void free(String clinicianId, String registrationId, Collection<String> classDayIds, String reason, Instant at) {
        TreeSet<String> held = new TreeSet<>();
        places.forEach((day, place) -> {
            if (place.registrationId().equals(registrationId) && (classDayIds == null || classDayIds.contains(day))) {
                held.add(day);
            }
        });
        if (!held.isEmpty()) {
            apply(new LiveSessionsFreed(clinicianId, registrationId, List.copyOf(held), reason, at));
        }
    }

    /** The registration holding a place on the class day, if any (for tests and for reading). */
    public java.util.Optional<String> holderOf(String classDayId) {
        return java.util.Optional.ofNullable(places.get(classDayId)).map(Place::registrationId);
    }

    @EventSourcingHandler
    void on(LiveSessionsHeld e) {
        streamId = LiveSessionStreams.of(e.clinicianId());
        e.classDayIds().forEach(day -> places.put(day, new Place(e.registrationId(), e.seriesId(), e.seriesNumber(), e.heldFor())));
    }

    @EventSourcingHandler
    void on(LiveSessionsFreed e) {
        streamId = LiveSessionStreams.of(e.clinicianId());
        e.classDayIds().forEach(day -> places.computeIfPresent(day, (d, p) -> p.registrationId().equals(e.registrationId()) ? null : p));
    }
}
