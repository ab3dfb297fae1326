package com.polaris.kat.events.livesession;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Facts of the clinician's live-sessions stream ({@link LiveSessionStreams}): which class days (live sessions) they hold a
 * place on, and through which registration. A class day is one live session for every series using it (product rules,
 * "The program and its catalog"), so a clinician holds at most one place on it: a seat of one series or one make-up
 * (docs/decisions.md, "one place per live session"), and at most one a date: every class day runs 09:00-17:00 in the
 * program's zone, so two on one date are one live day. Appended in the unit of work that sells the seat, cancels the
 * registration, or books, moves or cancels the make-up.
 */
public final class LiveSessionEvents {
    private LiveSessionEvents() {
    }

    /** Why a registration holds its places: its seat in its series, or a make-up on another series' day. */
    public enum HeldFor { SEAT, MAKE_UP }

    /**
     * The registration holds a place on these class days (ids ascending), which no other registration of the clinician
     * held. {@code seriesNumber} is the registration's own series', as a refusal names it.
     * Revision 2: {@code classDates}, each day's date when it was held (in the order of {@code classDayIds}; every class day
     * runs 09:00-17:00 in the program's zone, so a clinician holds one live day at a time). Revision 1 did not record them:
     * read through {@code LiveSessionsHeldDates} (event-store, evolution) with {@code classDates} null (not recorded).
     */
    @Revision("2")
    public record LiveSessionsHeld(String clinicianId, String registrationId, String seriesId, int seriesNumber,
                                   List<String> classDayIds, HeldFor heldFor, Instant heldAt, List<LocalDate> classDates) {
    }

    /**
     * A class day the registration holds a place on moved, from {@code fromDate} (null when the place was held without its
     * date: {@code LiveSessionsHeld} revision 1) to {@code toDate}: appended in the move's unit of work, so the stream knows
     * the date every held day runs on. Revision 2: {@code reason}, the move's reason as staff gave it (the clinician's audit
     * trail shows why the date changed); revision 1 is read through {@code LiveSessionMovedReason} with it null.
     */
    @Revision("2")
    public record LiveSessionMoved(String clinicianId, String registrationId, String classDayId, LocalDate fromDate, LocalDate toDate,
                                   Instant movedAt, String reason) {
    }

    /**
     * The registration's places on these class days (ids ascending) came free: {@code reason} is the service's words
     * ("registration cancelled", "make-up cancelled", "make-up moved to &lt;class day&gt;"), never the clinician's.
     */
    @Revision("1")
    public record LiveSessionsFreed(String clinicianId, String registrationId, List<String> classDayIds, String reason,
                                    Instant freedAt) {
    }
}
