package com.polaris.kat.eventstore.position;

import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
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
 *   <li>Every transaction that appends events holds a shared advisory lock ({@value #APPENDING_LOCK})
 *       from before it takes its first global index until it ends ({@code V5__writers_hold_a_shared_lock.sql}).</li>
 *   <li>When the previous token lists gaps that this fetch did not return, the reader tries to take
 *       that lock exclusively, without waiting ({@code pg_try_advisory_xact_lock}). Holding it means no
 *       transaction that took an index is still running; a gap that a snapshot taken then still does
 *       not show was rolled back, and is dropped. When an append is in flight the try fails and the
 *       gaps wait for a later fetch: they cost a few ids in the query, never progress.</li>
 * </ol>
 * Gaps are kept however far behind the head they are (no maximum offset). (A first version bounded a
 * gap's writer by a snapshot's xmax; PostgreSQL's xmax is "latest completed xid + 1", which a running
 * writer can exceed: the benchmark's read-your-writes check caught 2 of 600 registrations skipped.)
 * <p>
 * Each event is delivered with an {@link IndexedGapAwareToken} that names its own global index.
 */
public class TransactionHorizonEventStorageEngine extends JdbcEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(TransactionHorizonEventStorageEngine.class);
    /** The advisory lock key every appending transaction holds shared (V5__writers_hold_a_shared_lock.sql). */
    public static final long APPENDING_LOCK = 4269011L;

    private final TransactionManager transactionManager;
    private final AppendNotifier notifier;

    /**
     * @param builder            Axon's JDBC engine builder, fully configured
     * @param transactionManager the same transaction manager the builder was given
     * @param notifier           told once the transaction that appended events committed (null: nobody is told)
     */
    public TransactionHorizonEventStorageEngine(Builder builder, TransactionManager transactionManager, AppendNotifier notifier) {
        super(builder);
        this.transactionManager = transactionManager;
        this.notifier = notifier;
    }

    /** Appends as Axon does; once the unit of work's transaction committed (or at once, outside one), readers are notified. */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        super.appendEvents(events, serializer);
        if (notifier == null || events.isEmpty()) {
            return;
        }
        if (CurrentUnitOfWork.isStarted()) {
            org.axonframework.messaging.unitofwork.UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (root.resources().putIfAbsent(NOTIFY_AFTER_COMMIT, Boolean.TRUE) == null) {
                root.afterCommit(u -> notifier.signal());
            }
        } else {
            notifier.signal(); // Axon appended in a transaction of its own, committed by now
        }
    }

    private static final String NOTIFY_AFTER_COMMIT = TransactionHorizonEventStorageEngine.class.getName() + ".notifyAfterCommit";

    /**
     * The append statement ({@link OneStatementAppend}'s, prepared by its one-argument {@code prepareStatement}), with the
     * global indexes the numbering trigger gave the rows returned by the insert itself ({@code RETURNING global_index}):
     * the highest is left in the unit of work as {@link #APPENDED_UP_TO}, so the command's transaction knows its position
     * without a query of its own (issue 12's profile: one of a registration's round trips).
     */
    @Override
    protected PreparedStatement appendEvents(Connection connection, List<? extends EventMessage<?>> events, Serializer serializer)
            throws SQLException {
        String column = schema().globalIndexColumn();
        Connection returning = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> method.getName().equals("prepareStatement") && args != null && args.length == 1
                        ? noteAppendedUpTo(connection.prepareStatement((String) args[0], new String[]{column}))
                        : invoke(method, connection, args));
        return super.appendEvents(returning, events, serializer);
    }

    /** Unit-of-work resource (root): the highest global index the unit of work's events were given (Long). */
    public static final String APPENDED_UP_TO = TransactionHorizonEventStorageEngine.class.getName() + ".appendedUpTo";

    /** The statement, reading its generated global indexes once its batch ran. */
    private static PreparedStatement noteAppendedUpTo(PreparedStatement statement) {
        return (PreparedStatement) Proxy.newProxyInstance(TransactionHorizonEventStorageEngine.class.getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, (proxy, method, args) -> {
                    Object result = invoke(method, statement, args);
                    if (method.getName().equals("executeBatch") && CurrentUnitOfWork.isStarted()) {
                        long upTo = -1;
                        try (ResultSet keys = statement.getGeneratedKeys()) {
                            while (keys.next()) {
                                upTo = Math.max(upTo, keys.getLong(1));
                            }
                        }
                        if (upTo >= 0) {
                            CurrentUnitOfWork.get().root().resources().merge(APPENDED_UP_TO, upTo, (a, b) -> Math.max((Long) a, (Long) b));
                        }
                    }
                    return result;
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        TrackingToken unwrapped = WrappedToken.unwrapLowerBound(lastToken);
        if (unwrapped != null && !(unwrapped instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("the PostgreSQL event store reads from gap-aware tokens, not " + unwrapped);
        }
        GapAwareTrackingToken previous = (GapAwareTrackingToken) unwrapped;
        // on the generic plan (GenericPlan): priced for gaps and a batch of unknown size, it was planned at every read
        return transactionManager.fetchInTransaction(() -> {
            Connection connection = getConnection();
            try (PreparedStatement statement = readStatement(connection, previous, batchSize)) {
                return com.polaris.kat.eventstore.GenericPlan.query(statement,
                        resultSet -> tracked(resultSet, previous, resultSet.getStatement().getConnection()));
            } catch (SQLException e) {
                throw new EventStoreException("Failed to read events after token " + previous, e);
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
    }

    private PreparedStatement readStatement(Connection connection, GapAwareTrackingToken previous, int batchSize)
            throws SQLException {
        EventSchema s = schema();
        String fields = String.join(", ", s.globalIndexColumn(), s.typeColumn(), s.aggregateIdentifierColumn(),
                s.sequenceNumberColumn(), s.eventIdentifierColumn(), s.timestampColumn(), s.payloadTypeColumn(),
                s.payloadRevisionColumn(), s.payloadColumn(), s.metaDataColumn());
        String sql = "(SELECT " + fields + " FROM " + s.domainEventTable() + " WHERE " + s.globalIndexColumn() + " = ANY(?)) "
                + "UNION ALL "
                + "(SELECT " + fields + " FROM " + s.domainEventTable() + " WHERE " + s.globalIndexColumn() + " > ? "
                + "ORDER BY " + s.globalIndexColumn() + " LIMIT ?) ORDER BY 1";
        PreparedStatement statement = com.polaris.kat.eventstore.GenericPlan.prepare(connection, sql);
        Long[] gaps = previous == null ? new Long[0] : previous.getGaps().toArray(Long[]::new);
        Array gapArray = connection.createArrayOf("bigint", gaps);
        statement.setArray(1, gapArray);
        statement.setLong(2, previous == null ? 0 : previous.getIndex());
        statement.setInt(3, batchSize);
        return statement;
    }

    private List<TrackedEventData<?>> tracked(ResultSet rs, GapAwareTrackingToken previous, Connection connection) throws SQLException {
        EventSchema s = schema();
        List<Long> indexes = new ArrayList<>();
        List<GenericDomainEventEntry<?>> entries = new ArrayList<>();
        while (rs.next()) {
            long index = rs.getLong(s.globalIndexColumn());
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
        GapAwareTrackingToken token = withoutProvenGaps(previous, new java.util.HashSet<>(indexes), connection);
        List<TrackedEventData<?>> result = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            long index = indexes.get(i);
            token = token == null
                    ? new GapAwareTrackingToken(index, LongStream.range(Math.min(1, index), index).boxed().toList())
                    : token.advanceTo(index, Integer.MAX_VALUE);
            result.add(new TrackedDomainEventData<>(IndexedGapAwareToken.of(token, index), entries.get(i)));
        }
        return result;
    }

    /**
     * The previous token less the gaps proven empty: those this fetch did not return, when no append
     * is in flight (the appending lock taken exclusively, without waiting) and a fresh snapshot still
     * does not show them. Unchanged when the lock is busy.
     */
    private GapAwareTrackingToken withoutProvenGaps(GapAwareTrackingToken previous, java.util.Set<Long> returned,
                                                    Connection connection) throws SQLException {
        if (previous == null || previous.getGaps().isEmpty()) {
            return previous;
        }
        List<Long> candidates = previous.getGaps().stream().filter(g -> !returned.contains(g)).toList();
        if (candidates.isEmpty()) {
            return previous;
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, APPENDING_LOCK);
            try (ResultSet r = lock.executeQuery()) {
                if (!r.next() || !r.getBoolean(1)) {
                    return previous; // an append is in flight: prove later
                }
            }
        }
        java.util.Set<Long> committed = new java.util.HashSet<>();
        try (PreparedStatement visible = connection.prepareStatement(
                "SELECT " + schema().globalIndexColumn() + " FROM " + schema().domainEventTable() + " WHERE " + schema().globalIndexColumn() + " = ANY(?)")) {
            visible.setArray(1, connection.createArrayOf("bigint", candidates.toArray(Long[]::new)));
            try (ResultSet r = visible.executeQuery()) {
                while (r.next()) {
                    committed.add(r.getLong(1));
                }
            }
        }
        SortedSet<Long> kept = new TreeSet<>(previous.getGaps());
        List<Long> empty = candidates.stream().filter(g -> !committed.contains(g)).toList();
        if (empty.isEmpty()) {
            return previous;
        }
        kept.removeAll(empty);
        if (log.isDebugEnabled()) {
            log.debug("global indexes {} proven empty (rolled back): no append was in flight", empty);
        }
        return new GapAwareTrackingToken(previous.getIndex(), kept);
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

}
