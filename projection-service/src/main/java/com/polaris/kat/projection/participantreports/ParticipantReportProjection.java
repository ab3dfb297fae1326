package com.polaris.kat.projection.participantreports;

import com.polaris.kat.eventstore.position.EventPosition;
import com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportImported;
import com.polaris.kat.events.attendance.AttendanceEvents.ParticipantReportRowsIgnored;
import com.polaris.kat.projection.streaming.ProjectionWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The participant reports imported for each class day (counts, the lines left unmatched) and the
 * rows set aside since (lines, reason, who, when): what attendance staff need to finish a day's
 * import after its answer is gone. Processing group "catalog" (class days are the catalog's); every
 * statement is keyed, so an event delivered twice leaves the tables as they were. It does not extend
 * {@code Projection}: an event of an unknown type is reported once per processing group, by {@code CatalogProjection}.
 */
@Component
@ProcessingGroup("catalog")
public class ParticipantReportProjection {

    private final ProjectionWriter writer;

    public ParticipantReportProjection(ProjectionWriter writer) {
        this.writer = writer;
    }

    @EventHandler
    void on(ParticipantReportImported e, TrackingToken t, @Timestamp Instant at, @MetaDataValue("actor") String actor) {
        Long[] lines = e.unmatchedLines() == null ? null : e.unmatchedLines().toArray(Long[]::new);
        writer.update("""
                INSERT INTO projection.participant_report (class_day_id, source_file_sha256, time_zone, rows_read, attendees_recorded,
                    attendees_corrected, attendees_unchanged, rows_unmatched, unmatched_lines, added_to_recorded, imported_at, imported_by,
                    position, attendees_superseded, reinstated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (class_day_id, position) DO NOTHING""",
                e.classDayId(), e.sourceFileSha256(), e.timeZone(), e.rows(), e.attendeesRecorded(), e.attendeesCorrected(),
                e.attendeesUnchanged(), e.rowsUnmatched(), lines, e.addedToRecorded(), java.sql.Timestamp.from(at), actor, EventPosition.of(t),
                e.attendeesSuperseded(), e.reinstated());
    }

    @EventHandler
    void on(ParticipantReportRowsIgnored e, EventMessage<?> m, TrackingToken t, @Timestamp Instant at, @MetaDataValue("actor") String actor) {
        writer.update("""
                INSERT INTO projection.participant_report_rows_ignored (entry_id, class_day_id, source_file_sha256, lines, reason,
                    set_aside_at, set_aside_by, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO NOTHING""",
                m.getIdentifier(), e.classDayId(), e.sourceFileSha256(), e.lines().toArray(Long[]::new), e.reason(),
                java.sql.Timestamp.from(at), actor, EventPosition.of(t));
    }

    @ResetHandler
    void reset() {
        // DELETE, not TRUNCATE (not MVCC-safe): readers keep the old rows until the reset commits
        writer.update("DELETE FROM projection.participant_report_rows_ignored");
        writer.update("DELETE FROM projection.participant_report");
    }
}
