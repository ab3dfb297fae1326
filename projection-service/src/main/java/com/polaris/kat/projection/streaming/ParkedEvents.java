package com.polaris.kat.projection.streaming;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * The events each projection has parked in its dead-letter queue ({@link DeadLetterConfig}): how
 * many (also the gauge {@code kat.projection.parked.events}, {@link ProjectionFigures}), which, and a retry once the
 * cause is fixed. Read straight from {@code projection.dead_letter_entry}, so every instance sees
 * the same list (and Axon 4.13.0's JDBC dead-letter paging, issue 4573, is not in the way).
 */
@Component
public class ParkedEvents {

    /**
     * One parked event.
     *
     * @param deadLetterId   the dead letter's id
     * @param sequence       the stream it belongs to (events of the same stream are parked behind it, in order)
     * @param sequenceIndex  its place in that stream's queue (0 = the one that failed first)
     * @param eventId        the event's id (as in the audit trail)
     * @param eventType      the event's stored type
     * @param enqueuedAt     when it was parked (UTC)
     * @param lastTouched    when it was last tried (UTC)
     * @param causeType      the failure's type (null for an event parked only because an earlier one of its stream is)
     * @param causeMessage   the failure's message
     */
    @io.swagger.v3.oas.annotations.media.Schema(description = "An event parked in a projection's dead-letter queue; instants UTC.",
            example = "{\"deadLetterId\":\"5f0c1a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\",\"sequence\":\"series-20\",\"sequenceIndex\":0,"
                    + "\"eventId\":\"0b6f1c9e-2d3a-4b5c-9e8f-7a6b5c4d3e2f\",\"eventType\":\"AttendanceRecorded\",\"enqueuedAt\":\"2026-11-26T15:19:14Z\","
                    + "\"lastTouched\":\"2026-11-26T15:19:14Z\",\"causeType\":\"org.springframework.dao.DataIntegrityViolationException\","
                    + "\"causeMessage\":\"timestamp out of range\"}")
    public record Parked(String deadLetterId, String sequence, long sequenceIndex, String eventId, String eventType,
                         Instant enqueuedAt, Instant lastTouched, String causeType, String causeMessage) {
    }

    /** @param retried sequences processed successfully; @param stillParked events parked afterwards */
    @io.swagger.v3.oas.annotations.media.Schema(description = "What a retry of the parked events did.",
            example = "{\"projection\":\"registrations\",\"retried\":1,\"stillParked\":0}")
    public record RetryOutcome(String projection, int retried, long stillParked) {
    }

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final ProjectionWriter writer;
    private final org.axonframework.serialization.Serializer serializer;

    /** @param serializer Axon's general serializer, which the dead-letter queue writes each parked event's token with */
    public ParkedEvents(JdbcTemplate jdbc, EventProcessingConfiguration processing, ProjectionWriter writer,
                        org.axonframework.serialization.Serializer serializer) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.writer = writer;
        this.serializer = serializer;
    }

    /** Number of events each projection has parked (projection → count; none for one with nothing parked), in one statement. */
    public java.util.Map<String, Long> counts() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT processing_group, count(*) FROM projection.dead_letter_entry GROUP BY processing_group",
                (java.sql.ResultSet rs) -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /**
     * Whether the projection has parked an event of this stream (Axon's sequence: the aggregate's id, e.g. a registration's):
     * its view lacks that event and every later one of the stream until an administrator retries them.
     */
    public boolean anyParked(String projection, String sequence) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM projection.dead_letter_entry WHERE processing_group = ? "
                + "AND sequence_identifier = ?)", Boolean.class, projection, sequence));
    }

    /** Number of events the projection has parked. */
    public long count(String projection) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM projection.dead_letter_entry WHERE processing_group = ?", Long.class, projection);
        return n == null ? 0 : n;
    }

    /**
     * The statement that reads the parked events' positions: one parameter, the projections' names (a {@code text[]}); its
     * rows are read by {@link #lowestPositions(java.sql.ResultSet)}. A query's snapshot sends it in the round trip that
     * begins the snapshot ({@code web/Freshness}).
     */
    public static final String LOWEST_POSITIONS_SQL = "SELECT processing_group, token, token_type FROM projection.dead_letter_entry "
            + "WHERE processing_group = ANY (?) AND token IS NOT NULL";

    /**
     * The lowest position (global index) of an event each of these projections has parked (projection → position; none
     * for a projection with nothing parked), from the rows of {@link #LOWEST_POSITIONS_SQL} (read to the end here, not
     * closed), so as of the snapshot they were read in. A parked event is missing from its view although the projection
     * has processed past it, so a read that must include a position at or after it cannot be answered ({@code web/Freshness}).
     *
     * @throws java.sql.SQLException reading the rows failed
     */
    public java.util.Map<String, Long> lowestPositions(java.sql.ResultSet rows) throws java.sql.SQLException {
        java.util.Map<String, Long> lowest = new java.util.TreeMap<>();
        while (rows.next()) {
            org.axonframework.eventhandling.TrackingToken token = serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                    rows.getBytes("token"), byte[].class, rows.getString("token_type"), null));
            long position = ProjectionPositions.reached(token);
            if (position >= 0) {
                lowest.merge(rows.getString("processing_group"), position, Math::min);
            }
        }
        return lowest;
    }

    /** A page of the projection's parked events, oldest stream first, in order within a stream. */
    public List<Parked> list(String projection, long offset, int limit) {
        return jdbc.query("""
                SELECT dead_letter_id, sequence_identifier, sequence_index, event_identifier, payload_type, enqueued_at, last_touched,
                       cause_type, cause_message
                FROM projection.dead_letter_entry WHERE processing_group = ?
                ORDER BY enqueued_at, sequence_identifier, sequence_index OFFSET ? LIMIT ?""",
                (rs, i) -> new Parked(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        instant(rs.getString(6)), instant(rs.getString(7)), rs.getString(8), rs.getString(9)),
                projection, offset, limit);
    }

    /**
     * Tries every parked stream of the projection once, in order (after the cause was fixed, e.g. a
     * new build deployed): a stream whose events now project leaves the queue; one that fails again
     * stays, with its new cause.
     */
    public RetryOutcome retry(String projection) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(projection)
                .orElseThrow(() -> new IllegalStateException("projection " + projection + " has no dead-letter queue"));
        Long streams = jdbc.queryForObject("SELECT count(DISTINCT sequence_identifier) FROM projection.dead_letter_entry WHERE processing_group = ?",
                Long.class, projection);
        int retried = 0;
        for (long i = 0; i < (streams == null ? 0 : streams); i++) {
            if (writer.isolating(processor::processAny)) {
                retried++;
            }
        }
        return new RetryOutcome(projection, retried, count(projection));
    }

    private static Instant instant(String iso) {
        return iso == null ? null : Instant.parse(iso);
    }
}
