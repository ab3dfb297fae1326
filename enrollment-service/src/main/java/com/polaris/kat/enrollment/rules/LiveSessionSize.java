package com.polaris.kat.enrollment.rules;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many people one live online class day can hold, and so the most a series' seat capacity and a
 * class day's make-up places may be. Every module is one live interactive online day (shared/product-rules
 * "The program and its catalog"); the interactive meeting platforms such a day runs on hold at most 1,000
 * interactive participants (Zoom Meetings with its Large Meetings licence, Microsoft Teams, Webex), beyond
 * which a session is a view-only webinar, not the "live interactive online" format the CE record states.
 * A number above that is a typo (2147483647 was accepted), so the default is 1,000; a deployment whose
 * licence holds fewer (Zoom's 100, 300 or 500) sets {@code kat.catalog.max-session-participants}
 * ({@code KAT_MAX_SESSION_PARTICIPANTS}). The benchmark raises it so that its load never sells out.
 */
@Component
public class LiveSessionSize {

    /** The default: the interactive meeting platforms' ceiling. */
    public static final int DEFAULT_MAX_PARTICIPANTS = 1_000;

    private final int maxParticipants;

    public LiveSessionSize(@Value("${kat.catalog.max-session-participants:" + DEFAULT_MAX_PARTICIPANTS + "}") int maxParticipants) {
        if (maxParticipants < 1) {
            throw new IllegalArgumentException("kat.catalog.max-session-participants must be 1 or more, not " + maxParticipants);
        }
        this.maxParticipants = maxParticipants;
    }

    /** The most participants one live session holds. */
    public int maxParticipants() {
        return maxParticipants;
    }

    /**
     * A series' seat capacity: 1 to {@link #maxParticipants()} seats.
     *
     * @throws Refusal invalid-capacity (422, field {@code capacity})
     */
    public void checkCapacity(int capacity) {
        if (capacity < 1 || capacity > maxParticipants) {
            throw Refusal.invalidField("invalid-capacity", "capacity", "The seat capacity must be at least 1 and at most " + maxParticipants
                    + " (the most one live online class day holds); " + capacity + " was asked.");
        }
    }

    /**
     * A class day's make-up places: 0 to {@link #maxParticipants()} (they come on top of the seats of the
     * series using the day, in the same session).
     *
     * @throws Refusal invalid-make-up-places (422, field {@code places})
     */
    public void checkMakeUpPlaces(int places) {
        if (places < 0 || places > maxParticipants) {
            throw Refusal.invalidField("invalid-make-up-places", "places", "Make-up places must be 0 or more and at most " + maxParticipants
                    + " (the most one live online class day holds); " + places + " was asked.");
        }
    }

    /**
     * A class day's room: the seats of every series using it plus its make-up places (product rules, "The program and
     * its catalog") at most {@link #maxParticipants()}, since they all meet in the one live session.
     *
     * @param classDayId     the day, for the detail
     * @param seatsBySeries  seats held on the day by series id, as they would stand after the change
     * @param makeUpPlaces   the make-up places as they would stand after the change
     * @param problemType    the refusal's type: {@code invalid-capacity} (a series' capacity, field {@code capacity}) or
     *                       {@code invalid-make-up-places} (field {@code places})
     * @param field          the request field that caused it
     * @throws Refusal problemType (422, field), naming each series' seats and the make-up places
     */
    public void checkClassDayRoom(String classDayId, java.util.Map<String, Integer> seatsBySeries, int makeUpPlaces,
                                  String problemType, String field) {
        long room = makeUpPlaces + seatsBySeries.values().stream().mapToLong(Integer::longValue).sum();
        if (room > maxParticipants) {
            StringBuilder parts = new StringBuilder();
            seatsBySeries.forEach((series, seats) -> parts.append(series).append(" ").append(seats).append(seats == 1 ? " seat, " : " seats, "));
            throw Refusal.invalidField(problemType, field, "Class day " + classDayId + " is one live session for every series using it: "
                    + parts + makeUpPlaces + (makeUpPlaces == 1 ? " make-up place: " : " make-up places: ") + room
                    + " participants in all, more than the " + maxParticipants
                    + " one live online class day holds.");
        }
    }
}
