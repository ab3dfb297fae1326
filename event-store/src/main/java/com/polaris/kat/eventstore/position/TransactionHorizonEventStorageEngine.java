package com.polaris.kat.eventstore.position;

import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

/**
 * Axon's JDBC event store on PostgreSQL, read so that no committed event is ever skipped.
 * <p>
 * A global index is taken when an event is inserted but becomes visible when its transaction
 * commits, so a reader can see index {@code h} while a lower index {@code g} is still missing: a
 * "gap". Axon's engine forgets a gap by the wall clock (the gap timeout, measured against event
 * timestamps, and a maximum distance of 10,000 indexes); an event that commits later than that is
 * skipped for ever (AxonFramework issue 4829; issue 11 here). This engine forgets a gap only when
 * PostgreSQL proves it empty:
 * <ol>
 *   <li>Every event records its transaction id, taken before its global index
 *       ({@code V3__transaction_of_each_event.sql}).</li>
 *   <li>When the reader sees {@code g} missing below a visible event, {@code g}'s transaction got its
 *       id before this snapshot, so below the snapshot's {@code xmax}; that xmax is remembered as
 *       the gap's bound.</li>
 *   <li>A later snapshot whose {@code xmin} is at or past the bound has no transaction running that
 *       could still commit {@code g}; if {@code g} is missing from that same snapshot, it was rolled
 *       back and is dropped from the token.</li>
 * </ol>
 * The snapshot's xmin and xmax are read in the same statement as the events, so the proof and the
 * visibility it speaks of belong to one snapshot. Gaps are kept however far behind the head they
 * are (no maximum offset). Bounds are kept in memory: after a restart a gap is bound again to the
 * first snapshot that sees it, which is later and so still a valid bound (it only waits longer).
 * <p>
 * Each event is delivered with an {@link IndexedGapAwareToken} that names its own global index.
 */
public class TransactionHorizonEventStorageEngine extends JdbcEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(TransactionHorizonEventStorageEngine.class);
    private static final int MAX_REMEMBERED_BOUNDS = 100_000;

    private final TransactionManager transactionManager;
    /** Gap (global index) → xmax of the first snapshot that saw it missing below a visible event. */
    private final Map<Long, Long> gapBounds = new ConcurrentHashMap<>();

    /**
     * @param builder            Axon's JDBC engine builder, fully configured
     * @param transactionManager the same transaction manager the builder was given
     */
    public TransactionHorizonEventStorageEngine(Builder builder, TransactionManager transactionManager) {
        super(builder);
        this.transactionManager = transactionManager;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        TrackingToken unwrapped = WrappedToken.unwrapLowerBound(lastToken);
        if (unwrapped != null && !(unwrapped instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("the PostgreSQL event store reads from gap-aware tokens, not " + unwrapped);
        }
        GapAwareTrackingToken previous = (GapAwareTrackingToken) unwrapped;
        return transactionManager.fetchInTransaction(() -> JdbcUtils.executeQuery(
                getConnection(),
                connection -> readStatement(connection, previous, batchSize),
                resultSet -> tracked(resultSet, previous),
                e -> new EventStoreException("Failed to read events after token " + previous, e)));
    }

    private PreparedStatement readStatement(Connection connection, GapAwareTrackingToken previous, int batchSize)
            throws SQLException {
        EventSchema s = schema();
        String fields = String.join(", ", s.globalIndexColumn(), s.typeColumn(), s.aggregateIdentifierColumn(),
                s.sequenceNumberColumn(), s.eventIdentifierColumn(), s.timestampColumn(), s.payloadTypeColumn(),
                s.payloadRevisionColumn(), s.payloadColumn(), s.metaDataColumn());
        String sql = "WITH snap AS (SELECT pg_current_snapshot() AS s) "
                + "SELECT pg_snapshot_xmin(snap.s)::text AS horizon_xmin, pg_snapshot_xmax(snap.s)::text AS horizon_xmax, e.* "
                + "FROM snap LEFT JOIN LATERAL ("
                + "(SELECT " + fields + " FROM " + s.domainEventTable() + " WHERE " + s.globalIndexColumn() + " = ANY(?)) "
                + "UNION ALL "
                + "(SELECT " + fields + " FROM " + s.domainEventTable() + " WHERE " + s.globalIndexColumn() + " > ? "
                + "ORDER BY " + s.globalIndexColumn() + " LIMIT ?)"
                + ") e ON true ORDER BY e." + s.globalIndexColumn();
        PreparedStatement statement = connection.prepareStatement(sql);
        Long[] gaps = previous == null ? new Long[0] : previous.getGaps().toArray(Long[]::new);
        Array gapArray = connection.createArrayOf("bigint", gaps);
        statement.setArray(1, gapArray);
        statement.setLong(2, previous == null ? 0 : previous.getIndex());
        statement.setInt(3, batchSize);
        return statement;
    }

    private List<TrackedEventData<?>> tracked(ResultSet rs, GapAwareTrackingToken previous) throws SQLException {
        EventSchema s = schema();
        List<Long> indexes = new ArrayList<>();
        List<GenericDomainEventEntry<?>> entries = new ArrayList<>();
        long xmin = -1;
        long xmax = -1;
        while (rs.next()) {
            xmin = Long.parseLong(rs.getString("horizon_xmin"));
            xmax = Long.parseLong(rs.getString("horizon_xmax"));
            long index = rs.getLong(s.globalIndexColumn());
            if (rs.wasNull()) {
                continue; // the snapshot row alone: no events
            }
            String aggregateIdentifier = rs.getString(s.aggregateIdentifierColumn());
            String eventIdentifier = rs.getString(s.eventIdentifierColumn());
            indexes.add(index);
            entries.add(new GenericDomainEventEntry<>(
                    rs.getString(s.typeColumn()),
                    eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                    rs.getLong(s.sequenceNumberColumn()), eventIdentifier,
                    readTimeStamp(rs, s.timestampColumn()),
                    rs.getString(s.payloadTypeColumn()), rs.getString(s.payloadRevisionColumn()),
                    readPayload(rs, s.payloadColumn()), readPayload(rs, s.metaDataColumn())));
        }
        java.util.Set<Long> visible = new java.util.HashSet<>(indexes);
        GapAwareTrackingToken token = withoutProvenGaps(previous, visible, xmin, xmax);
        List<TrackedEventData<?>> result = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            long index = indexes.get(i);
            token = token == null
                    ? new GapAwareTrackingToken(index, LongStream.range(Math.min(1, index), index).boxed().toList())
                    : token.advanceTo(index, Integer.MAX_VALUE);
            gapBounds.remove(index);
            token = withoutProvenGaps(token, visible, xmin, xmax);
            result.add(new TrackedDomainEventData<>(IndexedGapAwareToken.of(token, index), entries.get(i)));
        }
        return result;
    }

    /**
     * The token less the gaps this snapshot proves empty. A gap seen for the first time is bound to
     * this snapshot's xmax (valid: the token's index is a visible event above it); a gap whose bound
     * is at or below this snapshot's xmin, and that is not among the events this snapshot returned,
     * was rolled back. With no transaction running, xmin equals xmax and a new gap is proven at once.
     */
    private GapAwareTrackingToken withoutProvenGaps(GapAwareTrackingToken token, java.util.Set<Long> visible, long xmin, long xmax) {
        if (token == null || token.getGaps().isEmpty()) {
            return token;
        }
        if (gapBounds.size() > MAX_REMEMBERED_BOUNDS) {
            gapBounds.clear(); // safe: a gap is bound again, later, by the next snapshot that sees it
        }
        SortedSet<Long> kept = new TreeSet<>();
        for (long gap : token.getGaps()) {
            long bound = gapBounds.computeIfAbsent(gap, g -> xmax);
            if (visible.contains(gap) || bound > xmin) {
                kept.add(gap);
            }
        }
        if (kept.size() == token.getGaps().size()) {
            return token;
        }
        if (log.isDebugEnabled()) {
            log.debug("global indexes below {} proven empty (rolled back): every transaction below xid {} has ended", token.getIndex(), xmin);
        }
        return new GapAwareTrackingToken(token.getIndex(), kept);
    }

    @Override
    public TrackingToken createTailToken() {
        return indexed(super.createTailToken());
    }

    @Override
    public TrackingToken createHeadToken() {
        return indexed(super.createHeadToken());
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return indexed(super.createTokenAt(dateTime));
    }

    private static TrackingToken indexed(TrackingToken token) {
        return token instanceof GapAwareTrackingToken g ? IndexedGapAwareToken.of(g, -1) : token;
    }

    /** For tests and operations: how many gaps currently have a bound waiting to be proven. */
    public int gapsAwaitingProof() {
        return gapBounds.size();
    }
}
