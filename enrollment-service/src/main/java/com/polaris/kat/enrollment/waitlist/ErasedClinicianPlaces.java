package com.polaris.kat.enrollment.waitlist;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.eventstore.RequestMetadata;
import com.polaris.kat.events.privacy.PrivacyEvents.ClinicianErasureRequested;
import com.polaris.kat.events.waitlist.WaitlistCommands.LeaveWaitlist;
import com.polaris.kat.events.waitlist.WaitlistEvents.WaitlistJoined;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * An erasure request ends the clinician's waitlist places: a place exists to offer a seat, and an offer needs the
 * contact details the request has just erased (product rules, "Personal data" and "Waitlist"). Each place the
 * clinician joined before the request leaves the waitlist ({@code LeaveWaitlist}, actor {@value #ACTOR}, reason
 * {@value #REASON}); an open offer is declined with it and the seat passes to the next in line, as when a clinician
 * leaves. A place already ended (accepted, declined, lapsed, closed) stays as it is.
 * <p>
 * A streaming processor of the command side (group {@value #GROUP}, token in the database): it notes every place as
 * it is joined (series, place, clinician: {@code enrollment.waitlist_place_of_clinician}), so at an erasure it knows
 * the places, and a step that fails is retried until it has happened ({@code CommandSideProcessors}). The request
 * answers first; the places leave moments later.
 */
@Component
@ProcessingGroup(ErasedClinicianPlaces.GROUP)
public class ErasedClinicianPlaces {

    /** The processing group. */
    public static final String GROUP = "erasure-waitlist";
    /** The actor of the commands it sends. */
    public static final String ACTOR = "system:erasure-waitlist";
    /** The reason each place leaves with. */
    public static final String REASON = "the clinician's personal data was erased (erasure request)";
    /** Refusals that mean the place is no longer waiting: nothing to do. */
    private static final Set<String> NOT_WAITING = Set.of("waitlist-place-ended", "waitlist-place-not-found");

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;

    public ErasedClinicianPlaces(JdbcTemplate jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @EventHandler
    void on(WaitlistJoined e) {
        jdbc.update("INSERT INTO enrollment.waitlist_place_of_clinician (series_id, place_id, clinician_id) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", e.seriesId(), e.placeId(), e.clinicianId());
    }

    @EventHandler
    void on(ClinicianErasureRequested e, MetaData cause) {
        List<String[]> places = jdbc.query("SELECT series_id, place_id FROM enrollment.waitlist_place_of_clinician WHERE clinician_id = ? "
                + "ORDER BY series_id, place_id", (rs, i) -> new String[]{rs.getString(1), rs.getString(2)}, e.clinicianId());
        MetaData metaData = RequestMetadata.system(ACTOR, cause);
        for (String[] place : places) {
            try {
                commands.sendAndWait(new LeaveWaitlist(place[0], place[1], REASON, null), metaData);
            } catch (Refusal r) {
                if (!NOT_WAITING.contains(r.type())) {
                    throw r;
                }
            }
        }
    }
}
