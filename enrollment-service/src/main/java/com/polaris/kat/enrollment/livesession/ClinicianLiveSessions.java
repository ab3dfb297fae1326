package com.polaris.kat.enrollment.livesession;

import com.polaris.kat.enrollment.rules.ReadableStreamAggregate;
import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.events.livesession.LiveSessionEvents.HeldFor;
import com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionMoved;
import com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionsFreed;
import com.polaris.kat.events.livesession.LiveSessionEvents.LiveSessionsHeld;
import com.polaris.kat.events.livesession.LiveSessionStreams;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;
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
 * "one place per live session"); and at most one live day a date, since every class day runs 09:00-17:00 in the program's
 * zone (another class day on a date held is refused too).
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

    /** A place; {@code date} the day's date when it was held (null when not recorded: revision 1). */
    private record Place(String registrationId, String seriesId, int seriesNumber, HeldFor heldFor, LocalDate date) {
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
     * @param classDays      the class days with their dates now (a seat: every day of the series; a make-up: its day)
     * @param asking         a seat (stored as {@code SEAT}), an offer's seat ({@code SEAT}; the refusal's advice is the
     *                       offer's) or a make-up ({@code MAKE_UP})
     * @param at             when (UTC)
     * @throws Refusal class-day-already-held (409) when another registration of the clinician holds a place on one of these
     *                 days; date-already-held (409) when it holds one on another class day on one of these days' dates (every
     *                 class day runs 09:00-17:00 in the program's zone: one live day at a time). Members {@code classDayIds}
     *                 (the days asked for that are in the way, ascending) and {@code heldThrough} (per held day: its
     *                 {@code classDayId}, {@code date}, the holder's {@code seriesId}, {@code heldFor} SEAT or MAKE_UP; the
     *                 holder's id is not told)
     */
    public void hold(String clinicianId, String registrationId, String seriesId, int seriesNumber, java.util.SortedMap<String, LocalDate> classDays,
                     LiveSessionHolds.Asking asking, Instant at) {
        TreeSet<String> fresh = new TreeSet<>();
        // every place in the way, found before refusing (a fresh reviewer's clinician, told only of a shared day, cancelled it
        // and was then refused for a date): asked day to the held days in its way
        java.util.SortedMap<String, java.util.SortedSet<String>> inTheWay = new java.util.TreeMap<>();
        classDays.forEach((day, date) -> {
            Place place = places.get(day);
            if (place == null) {
                fresh.add(day);
            } else if (!place.registrationId().equals(registrationId)) {
                inTheWay.computeIfAbsent(day, d -> new TreeSet<>()).add(day);
            }
            // one live day at a time: another registration's place on another class day that runs on this date
            java.util.SortedSet<String> sameDate = placesOn(date, day, registrationId);
            if (!sameDate.isEmpty()) {
                inTheWay.computeIfAbsent(day, d -> new TreeSet<>()).addAll(sameDate);
            }
        });
        if (!inTheWay.isEmpty()) {
            throw refusal(inTheWay, classDays, asking);
        }
        if (!fresh.isEmpty()) {
            List<String> ids = List.copyOf(fresh);
            apply(new LiveSessionsHeld(clinicianId, registrationId, seriesId, seriesNumber, ids, asking.heldFor(), at,
                    ids.stream().map(classDays::get).toList()));
        }
    }

    /**
     * The held days other than {@code exceptDay}, of registrations other than {@code exceptRegistration}, that run on
     * {@code date} (ascending). A place's date is the one it runs on now: a class day's move records it on this stream
     * ({@link #dayMoved}); a place held without its date (revision 1) is on no date.
     */
    private java.util.SortedSet<String> placesOn(LocalDate date, String exceptDay, String exceptRegistration) {
        TreeSet<String> on = new TreeSet<>();
        places.forEach((day, place) -> {
            if (date != null && date.equals(place.date()) && !day.equals(exceptDay) && !place.registrationId().equals(exceptRegistration)) {
                on.add(day);
            }
        });
        return on;
    }

    /** A refusal's member for a held day: its {@code classDayId}, {@code date} (when recorded), holder's {@code seriesId}, {@code heldFor}. */
    private Map<String, Object> member(String day) {
        Place place = places.get(day);
        Map<String, Object> member = new java.util.LinkedHashMap<>();
        member.put("classDayId", day);
        if (place.date() != null) {
            member.put("date", place.date().toString());
        }
        member.put("seriesId", place.seriesId());
        member.put("heldFor", place.heldFor().name());
        return member;
    }

    /**
     * The refusal of places already held: {@code class-day-already-held} when one of the days asked for is itself held,
     * else {@code date-already-held}; every held day in the way is named, each holding registration by its series with its
     * days (a fresh reviewer's clinician, held through two series, was told to cancel one of them, which would have left the
     * other in the way), not by its id: a front end that sent someone else's e-mail address learns no registration id it
     * could then read or cancel (as already-registered names the series only).
     *
     * @param inTheWay each day asked for that is in the way, to the held days in its way (itself when it is held)
     * @param asked    every day asked for, with the date it runs on now
     */
    private Refusal refusal(java.util.SortedMap<String, java.util.SortedSet<String>> inTheWay, java.util.SortedMap<String, LocalDate> asked,
                            LiveSessionHolds.Asking asking) {
        boolean sameDay = inTheWay.entrySet().stream().anyMatch(e -> e.getValue().contains(e.getKey()));
        boolean sameDate = inTheWay.entrySet().stream().anyMatch(e -> e.getValue().stream().anyMatch(h -> !h.equals(e.getKey())));
        TreeSet<String> heldIn = new TreeSet<>();
        inTheWay.values().forEach(heldIn::addAll);
        Map<String, List<String>> daysByHolder = new java.util.LinkedHashMap<>(); // in the order of their first day
        List<Map<String, Object>> held = new java.util.ArrayList<>();
        for (String day : heldIn) {
            Place place = places.get(day);
            daysByHolder.computeIfAbsent(place.registrationId(), r -> new java.util.ArrayList<>()).add(day);
            held.add(member(day));
        }
        List<String> parts = new java.util.ArrayList<>();
        int makeUps = 0;
        boolean seats = false;
        for (Map.Entry<String, List<String>> holder : daysByHolder.entrySet()) {
            Place place = places.get(holder.getValue().get(0));
            boolean makeUp = place.heldFor() == HeldFor.MAKE_UP;
            makeUps += makeUp ? holder.getValue().size() : 0;
            seats |= !makeUp;
            List<String> named = holder.getValue().stream().map(d -> inTheWay.containsKey(d) ? d : d + " (" + places.get(d).date() + ")").toList();
            parts.add("class day" + (named.size() == 1 ? " " : "s ") + String.join(", ", named) + " through "
                    + (makeUp ? (named.size() == 1 ? "a make-up" : "make-ups") + " booked by their registration" : "their registration")
                    + " in Series " + place.seriesNumber());
        }
        String cancel = makeUps > 0 && seats ? "those registrations and make-ups"
                : makeUps > 1 ? "those make-ups" : makeUps == 1 ? "that make-up"
                : daysByHolder.size() > 1 ? "those registrations" : "that registration";
        List<String> whys = new java.util.ArrayList<>();
        if (sameDay) {
            whys.add("a class day is one live session for every series using it, attended and counted for CE once");
        }
        if (sameDate) {
            // each with the date it runs on now: its id names the date it was first scheduled on (a fresh reviewer read a day
            // moved since as clashing with a date its id did not name)
            List<String> askedOnDates = inTheWay.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(h -> !h.equals(e.getKey())))
                    .map(e -> e.getKey() + " (" + asked.get(e.getKey()) + ")").toList();
            whys.add((askedOnDates.size() == 1 ? "class day " : "class days ") + String.join(", ", askedOnDates) + " asked for "
                    + (askedOnDates.size() == 1 ? "runs" : "run") + " on the date of a day held, and every class day runs 09:00-17:00 "
                    + "Pacific, so a clinician attends one live day at a time");
        }
        String why = String.join("; and ", whys);
        return Refusal.conflict(sameDay ? "class-day-already-held" : "date-already-held", "The clinician already holds a place on "
                        + String.join("; and on ", parts) + ". " + Character.toUpperCase(why.charAt(0)) + why.substring(1) + ". Cancel " + cancel
                        + (switch (asking) {
                    case MAKE_UP -> " first, or choose another day for the make-up.";
                    // the offer holds a seat in this series only: choosing another is not a way to accept it
                    case OFFER -> " first and accept the offer while its seat is held, or decline the offer so the seat goes to the next "
                            + "clinician waiting.";
                    case SEAT -> " first, or choose a series that " + (sameDay && sameDate ? "neither shares these class days nor teaches on these dates."
                            : sameDay ? "does not share these class days." : "does not teach on these dates.");
                }))
                .with("classDayIds", List.copyOf(inTheWay.keySet())).with("heldThrough", held);
    }

    /**
     * A move's clash for one clinician: the words naming the registration holding the moved day and the places on the new
     * date (with registration ids: the move is staff's), and per place in the way a member ({@code classDayId}, {@code date},
     * {@code registrationId}, {@code seriesId}, {@code heldFor}, and the moved day's holder: {@code movingRegistrationId},
     * {@code movingSeriesId}).
     */
    public record MoveClash(String words, List<Map<String, Object>> members) {
    }

    /**
     * Whether the class day's move to {@code toDate} would give this clinician two live days on that date ({@link MoveClash}),
     * or empty. Appends nothing.
     */
    public java.util.Optional<MoveClash> clashOnMove(String classDayId, LocalDate toDate) {
        Place moving = places.get(classDayId);
        if (moving == null) {
            return java.util.Optional.empty();
        }
        List<String> others = new java.util.ArrayList<>();
        List<Map<String, Object>> members = new java.util.ArrayList<>();
        for (String day : placesOn(toDate, classDayId, moving.registrationId())) {
            Place place = places.get(day);
            others.add(day + " through registration " + place.registrationId() + " (Series " + place.seriesNumber()
                    + (place.heldFor() == HeldFor.MAKE_UP ? ", a make-up" : "") + ")");
            Map<String, Object> member = member(day);
            member.put("registrationId", place.registrationId());
            member.put("movingRegistrationId", moving.registrationId());
            member.put("movingSeriesId", moving.seriesId());
            members.add(member);
        }
        return others.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new MoveClash("the clinician holding it through registration "
                + moving.registrationId() + " (Series " + moving.seriesNumber() + (moving.heldFor() == HeldFor.MAKE_UP ? ", a make-up" : "")
                + ") also holds " + String.join(" and ", others) + " on " + toDate, members));
    }

    /**
     * Records a held day's new date ({@code LiveSessionMoved}, with the move's reason); nothing when the clinician holds no
     * place on it or it does not change.
     */
    public void dayMoved(String clinicianId, String classDayId, LocalDate toDate, String reason, Instant at) {
        Place place = places.get(classDayId);
        if (place != null && !toDate.equals(place.date())) {
            apply(new LiveSessionMoved(clinicianId, place.registrationId(), classDayId, place.date(), toDate, at, reason));
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

    @EventSourcingHandler
    void on(LiveSessionsHeld e) {
        streamId = LiveSessionStreams.of(e.clinicianId());
        for (int i = 0; i < e.classDayIds().size(); i++) {
            LocalDate date = e.classDates() == null ? null : e.classDates().get(i);
            places.put(e.classDayIds().get(i), new Place(e.registrationId(), e.seriesId(), e.seriesNumber(), e.heldFor(), date));
        }
    }

    @EventSourcingHandler
    void on(LiveSessionMoved e) {
        streamId = LiveSessionStreams.of(e.clinicianId());
        places.computeIfPresent(e.classDayId(), (d, p) -> new Place(p.registrationId(), p.seriesId(), p.seriesNumber(), p.heldFor(), e.toDate()));
    }

    @EventSourcingHandler
    void on(LiveSessionsFreed e) {
        streamId = LiveSessionStreams.of(e.clinicianId());
        e.classDayIds().forEach(day -> places.computeIfPresent(day, (d, p) -> p.registrationId().equals(e.registrationId()) ? null : p));
    }
}
