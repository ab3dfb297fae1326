package com.polaris.kat.enrollment.livesession;

import com.polaris.kat.enrollment.config.RetriedCommands;
import com.polaris.kat.enrollment.privacy.ClaimedSealing;
import com.polaris.kat.events.livesession.LiveSessionStreams;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;

/**
 * {@link LiveSessionHolds} through Axon's repository of {@link ClinicianLiveSessions}: the clinician's stream is loaded (or
 * started) and locked in the current command's unit of work, so its event is appended in the same transaction as the seat,
 * cancellation or make-up that causes it; a concurrent command for the same clinician on another instance conflicts on the
 * stream's (aggregate, sequence) index and is retried (config/ConflictRetryScheduler).
 */
@Component
public class RepositoryLiveSessionHolds implements LiveSessionHolds {

    private final Repository<ClinicianLiveSessions> streams;

    /** @param clinicianLiveSessionsRepository Axon's event-sourcing repository of {@link ClinicianLiveSessions} */
    public RepositoryLiveSessionHolds(@Lazy Repository<ClinicianLiveSessions> clinicianLiveSessionsRepository) {
        this.streams = clinicianLiveSessionsRepository;
    }

    @Override
    public void hold(String clinicianId, String registrationId, String seriesId, int seriesNumber,
                     java.util.SortedMap<String, java.time.LocalDate> classDays, Asking asking, Instant at) {
        try {
            if (!classDays.isEmpty() && ClaimedSealing.firstKeysMadeFor(clinicianId) && !RetriedCommands.handlingARetry()) {
                // the clinician's first data keys were made in this command: they have never held a place, so their stream
                // is started without reading it (issue 12: one SELECT less on a first registration). Were a stream there
                // all the same, the append would meet its event at sequence 0: a write conflict, retried, and a retry reads
                streams.newInstance(() -> {
                    ClinicianLiveSessions first = new ClinicianLiveSessions();
                    first.hold(clinicianId, registrationId, seriesId, seriesNumber, classDays, asking, at);
                    return first;
                });
                return;
            }
            streams.loadOrCreate(LiveSessionStreams.of(clinicianId), ClinicianLiveSessions::new)
                    .execute(s -> s.hold(clinicianId, registrationId, seriesId, seriesNumber, classDays, asking, at));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void followMove(java.util.SortedSet<String> clinicianIds, String classDayId, java.time.LocalDate toDate, String reason, Instant at) {
        java.util.Map<String, org.axonframework.modelling.command.Aggregate<ClinicianLiveSessions>> loaded = new java.util.LinkedHashMap<>();
        java.util.List<ClinicianLiveSessions.MoveClash> clashes = new java.util.ArrayList<>();
        for (String clinicianId : clinicianIds) {
            try {
                org.axonframework.modelling.command.Aggregate<ClinicianLiveSessions> stream = streams.load(LiveSessionStreams.of(clinicianId));
                loaded.put(clinicianId, stream);
                stream.invoke(s -> s.clashOnMove(classDayId, toDate)).ifPresent(clashes::add);
            } catch (AggregateNotFoundException e) {
                // a clinician whose places were sold before the live-sessions streams existed holds none here
            }
        }
        if (!clashes.isEmpty()) {
            java.util.List<java.util.Map<String, Object>> members = new java.util.ArrayList<>();
            clashes.forEach(c -> members.addAll(c.members()));
            throw new com.polaris.kat.enrollment.rules.Refusal(com.polaris.kat.enrollment.rules.Refusal.Kind.CONFLICT, "date-already-held",
                    "Class day " + classDayId + " cannot move to " + toDate + ": every class day runs 09:00-17:00 Pacific, and "
                            + String.join("; ", clashes.stream().map(ClinicianLiveSessions.MoveClash::words).toList())
                            + ". Each clinician attends one live day at a time. Choose another date, or move it once one of the places is "
                            + "cancelled (a registration by the clinician, through the front end; a make-up by attendance staff). Nothing was moved.",
                    "newDate").with("heldThrough", members);
        }
        loaded.forEach((clinicianId, stream) -> stream.execute(s -> s.dayMoved(clinicianId, classDayId, toDate, reason, at)));
    }

    @Override
    public void free(String clinicianId, String registrationId, Collection<String> classDayIds, String reason, Instant at) {
        try {
            streams.load(LiveSessionStreams.of(clinicianId)).execute(s -> s.free(clinicianId, registrationId, classDayIds, reason, at));
        } catch (AggregateNotFoundException e) {
            // a clinician whose places were sold before the live-sessions streams existed holds none here
        }
    }
}
