package com.polaris.kat.projection.streaming;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import static org.axonframework.common.jdbc.JdbcUtils.closeQuietly;
import static org.axonframework.common.jdbc.JdbcUtils.executeQuery;
import static org.axonframework.common.jdbc.JdbcUtils.executeUpdate;

/**
 * Axon's JDBC token store whose every write of a held segment is a compare-and-set on the token this
 * instance last read or wrote for it: {@code UPDATE … WHERE owner = this node AND processor_name = ? AND
 * segment = ? AND token IS NOT DISTINCT FROM <the bytes last seen>}.
 *
 * <p>Why: the projection service commits without waiting for PostgreSQL's WAL flush (application.yml,
 * docs/decisions.md), so a database crash can take its last commits back, token and view rows together.
 * A tracking processor keeps its token in memory and, without a failure to tell it, goes on from there;
 * after a crash PostgreSQL recovers within a second (Hikari replaces the dead connections silently) the
 * processor would never hand the lost events again and their view rows would stay missing for good.
 * Here the processor's next write (its next batch's token, or the claim extension every idle second)
 * finds a token other than the one it last saw and fails with {@link TokenMismatchException}; the
 * processor then releases its claim, reads the stored token again and handles the lost events again.
 *
 * <p>What is compared: the token column's bytes exactly as last fetched from or written to the row,
 * remembered per (processor, segment) only once the transaction that read or wrote them commits (a
 * rolled-back write leaves the previous bytes expected). A segment this instance does not hold (a
 * rebuild's reset after the processor released its claims, the first initialisation) is written by
 * Axon's own logic unchanged. A row owned by another node is {@link UnableToClaimTokenException}, as in
 * Axon. The idle claim extension is one statement instead of Axon's select-for-update, deserialize and
 * update.
 *
 * <p>A token that only skips events (the processor handles none of the batch's: the catalog processor and a
 * registration's events) is written at most once every {@link #SKIPPED_WRITE_INTERVAL}, or with the next
 * claim extension, handled batch or release; each of those writes was a transaction of its own, about one
 * in three of the processors' transactions at 100 registrations/s. Until it is written, a restart or another
 * node skips those events again, which changes no view.
 */
public class CompareAndSetTokenStore extends JdbcTokenStore {

    private final TokenSchema schema;
    private final Serializer serializer;
    private final String nodeId;
    private final LongSupplier nanoTime;
    private final Consumer<String> mismatches;
    private final Map<Key, Seen> seen = new ConcurrentHashMap<>();

    private record Key(String processorName, int segment) {
    }

    /**
     * A held segment's row as this instance last saw it: the token column's bytes ({@code null} for a segment that has
     * no token yet) and that token ({@code null}: none), when this instance last wrote the row ({@link System#nanoTime()}),
     * and the token of events the processor skipped since, not written yet ({@code null}: none).
     */
    private record Seen(byte[] bytes, TrackingToken token, long writtenAt, TrackingToken unwritten) {
        Seen skippedTo(TrackingToken skipped) {
            return new Seen(bytes, token, writtenAt, skipped);
        }
    }

    /** A held segment's token as this instance last committed it: its bytes and the token ({@code null}: none). */
    public record Committed(byte[] bytes, TrackingToken token) {
    }

    /**
     * How long a token that only skips events (no handler of the processor took them) may stay unwritten: 1 s, the
     * rhythm of the processor's idle claim extension, which writes it too; well inside the claim timeout (10 s).
     */
    public static final Duration SKIPPED_WRITE_INTERVAL = Duration.ofSeconds(1);

    /**
     * @param builder    Axon's builder, configured with the same schema, serializer and node id
     * @param schema     the token table's names ({@code kat.token-table})
     * @param serializer the token serializer (Jackson here), used to write tokens as Axon would
     * @param nodeId     this instance's owner name in the table
     * @param mismatches told the processor's name each time a {@link TokenMismatchException} is raised (a metric)
     */
    public CompareAndSetTokenStore(JdbcTokenStore.Builder builder, TokenSchema schema, Serializer serializer, String nodeId,
                                   Consumer<String> mismatches) {
        this(builder, schema, serializer, nodeId, mismatches, System::nanoTime);
    }

    /** As above, with the monotonic clock (nanoseconds) that times {@link #SKIPPED_WRITE_INTERVAL} (tests). */
    public CompareAndSetTokenStore(JdbcTokenStore.Builder builder, TokenSchema schema, Serializer serializer, String nodeId,
                                   Consumer<String> mismatches, LongSupplier nanoTime) {
        super(builder);
        this.schema = schema;
        this.serializer = serializer;
        this.nodeId = nodeId;
        this.mismatches = mismatches;
        this.nanoTime = nanoTime;
    }

    /** Claims and returns the stored token as Axon does, and remembers its bytes as the ones to compare with. */
    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        TrackingToken token = super.fetchToken(processorName, segment);
        rememberOnCommit(new Key(processorName, segment), storedBytes(processorName, segment), token);
        return token;
    }

    /** As {@link #fetchToken(String, int)}, for a processor that asks with its segment's mask. */
    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        TrackingToken token = super.fetchToken(processorName, segment);
        rememberOnCommit(new Key(processorName, segment.getSegmentId()), storedBytes(processorName, segment.getSegmentId()), token);
        return token;
    }

    /**
     * Stores the token if the row still holds the bytes this instance last saw (a held segment), else as Axon
     * does (a segment not held here). A token that only skips events (stored outside a unit of work: the batch
     * held no event the processor handles) is written at most every {@link #SKIPPED_WRITE_INTERVAL}, and by the
     * next claim extension or release; until then it is kept here, and a restart skips those events again.
     * Errors: {@link TokenMismatchException} when the row holds another token and no other node owns it (a lost
     * commit); {@link UnableToClaimTokenException} when another node owns it or the row is gone.
     */
    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        Key key = new Key(processorName, segment);
        Seen written = writtenInThisTransaction(key);
        Seen expected = written != null ? written : seen.get(key);
        if (expected == null) {
            super.storeToken(token, processorName, segment);
            return;
        }
        if (written == null && !CurrentUnitOfWork.isStarted() && nanoTime.getAsLong() - expected.writtenAt() < SKIPPED_WRITE_INTERVAL.toNanos()) {
            seen.put(key, expected.skippedTo(token));
            return;
        }
        rememberOnCommit(key, write(key, expected, token), token);
    }

    /** The conditional write of a held segment's token; answers the bytes written. Errors as {@link #storeToken}. */
    private byte[] write(Key key, Seen expected, TrackingToken token) {
        AbstractTokenEntry<byte[]> entry = new GenericTokenEntry<>(token, serializer, byte[].class, key.processorName(), key.segment());
        byte[] data = entry.getSerializedToken() == null ? null : entry.getSerializedToken().getData();
        String type = entry.getTokenType() == null ? null : entry.getTokenType().getName();
        String sql = "UPDATE " + schema.tokenTable() + " SET " + schema.tokenColumn() + " = ?, " + schema.tokenTypeColumn() + " = ?, "
                + schema.timestampColumn() + " = ? WHERE " + whereHeldAsSeen();
        Connection connection = getConnection();
        try {
            int updated = executeUpdate(connection, c -> {
                PreparedStatement ps = c.prepareStatement(sql);
                setBytes(ps, 1, data);
                ps.setString(2, type);
                ps.setString(3, entry.timestampAsString());
                bindHeldAsSeen(ps, 4, key, expected);
                return ps;
            }, e -> new JdbcException("Could not store the token of " + key.processorName() + "[" + key.segment() + "]", e));
            if (updated == 0) {
                requireAsSeen(connection, key, expected);
                super.storeToken(token, key.processorName(), key.segment()); // Axon's claim of a released or expired row
            }
        } finally {
            closeQuietly(connection);
        }
        return data;
    }

    /**
     * Renews this node's claim (the processor's idle second) if the row still holds the bytes last seen: one
     * statement; it writes the token of skipped events not written yet, if any. Errors as {@link #storeToken}.
     */
    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        Key key = new Key(processorName, segment);
        Seen written = writtenInThisTransaction(key);
        Seen expected = written != null ? written : seen.get(key);
        if (expected == null) {
            super.extendClaim(processorName, segment);
            return;
        }
        if (expected.unwritten() != null) {
            rememberOnCommit(key, write(key, expected, expected.unwritten()), expected.unwritten());
            return;
        }
        String sql = "UPDATE " + schema.tokenTable() + " SET " + schema.timestampColumn() + " = ? WHERE " + whereHeldAsSeen();
        Connection connection = getConnection();
        try {
            int updated = executeUpdate(connection, c -> {
                PreparedStatement ps = c.prepareStatement(sql);
                ps.setString(1, DateTimeUtils.formatInstant(AbstractTokenEntry.clock.instant()));
                bindHeldAsSeen(ps, 2, key, expected);
                return ps;
            }, e -> new JdbcException("Could not extend the claim of " + key.processorName() + "[" + segment + "]", e));
            if (updated == 0) {
                requireAsSeen(connection, key, expected);
                super.extendClaim(processorName, segment);
            }
        } finally {
            closeQuietly(connection);
        }
    }

    /**
     * Writes the token of skipped events not written yet (unless the row no longer holds the bytes last seen: then
     * nothing is written), forgets the segment (no longer held here), then releases as Axon does.
     */
    @Override
    public void releaseClaim(String processorName, int segment) {
        Key key = new Key(processorName, segment);
        Seen expected = seen.remove(key);
        if (expected != null && expected.unwritten() != null) {
            try {
                write(key, expected, expected.unwritten());
            } catch (TokenMismatchException | UnableToClaimTokenException e) {
                // the stored token stays: the next claim reads it and handles or skips the events after it again
            }
        }
        super.releaseClaim(processorName, segment);
    }

    /**
     * The tokens this instance has committed for the segments of these processors it holds, as of now ({@code
     * "processor/segment"} to {@link Committed}). Read before a query's snapshot begins: every one of them is visible to
     * that snapshot unless the database took it back (a crash with asynchronous commits), so a snapshot whose token row is
     * older than the one given here lacks rows the processor's position says it has ({@code web/Freshness} answers 503
     * projection-behind to a read with {@code minPosition}); a token committed after this call is newer, never older.
     */
    public Map<String, Committed> committed(java.util.Collection<String> processorNames) {
        Map<String, Committed> out = new java.util.HashMap<>();
        seen.forEach((key, now) -> {
            if (processorNames.contains(key.processorName())) {
                out.put(key.processorName() + "/" + key.segment(), new Committed(now.bytes(), now.token()));
            }
        });
        return out;
    }

    /** Forgets the bytes seen, then deletes as Axon does. */
    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        seen.remove(new Key(processorName, segment));
        super.deleteToken(processorName, segment);
    }

    private String whereHeldAsSeen() {
        return schema.ownerColumn() + " = ? AND " + schema.processorNameColumn() + " = ? AND " + schema.segmentColumn() + " = ? AND "
                + schema.tokenColumn() + " IS NOT DISTINCT FROM ?";
    }

    private void bindHeldAsSeen(PreparedStatement ps, int first, Key key, Seen expected) throws SQLException {
        ps.setString(first, nodeId);
        ps.setString(first + 1, key.processorName());
        ps.setInt(first + 2, key.segment());
        setBytes(ps, first + 3, expected.bytes());
    }

    private static void setBytes(PreparedStatement ps, int index, byte[] bytes) throws SQLException {
        if (bytes == null) {
            ps.setNull(index, Types.BINARY);
        } else {
            ps.setBytes(index, bytes);
        }
    }

    /**
     * After a conditional write matched no row: passes only if the row still holds the bytes last seen (its
     * claim was released or expired, which Axon's own logic then handles).
     */
    private void requireAsSeen(Connection connection, Key key, Seen expected) {
        String sql = "SELECT " + schema.tokenColumn() + ", " + schema.ownerColumn() + " FROM " + schema.tokenTable() + " WHERE "
                + schema.processorNameColumn() + " = ? AND " + schema.segmentColumn() + " = ? FOR UPDATE";
        executeQuery(connection, c -> {
            PreparedStatement ps = c.prepareStatement(sql);
            ps.setString(1, key.processorName());
            ps.setInt(2, key.segment());
            return ps;
        }, rs -> {
            if (!rs.next()) {
                throw new UnableToClaimTokenException("Unable to claim token '" + key.processorName() + "[" + key.segment()
                        + "]'. It has been removed");
            }
            byte[] stored = rs.getBytes(1);
            String owner = rs.getString(2);
            if (!Arrays.equals(stored, expected.bytes())) {
                if (owner != null && !owner.equals(nodeId)) {
                    throw new UnableToClaimTokenException("Unable to claim token '" + key.processorName() + "[" + key.segment()
                            + "]'. It is owned by '" + owner + "'");
                }
                seen.remove(key);
                mismatches.accept(key.processorName());
                throw new TokenMismatchException(key.processorName(), key.segment());
            }
            return null;
        }, e -> new JdbcException("Could not read the token of " + key.processorName() + "[" + key.segment() + "]", e));
    }

    private byte[] storedBytes(String processorName, int segment) {
        String sql = "SELECT " + schema.tokenColumn() + " FROM " + schema.tokenTable() + " WHERE " + schema.processorNameColumn()
                + " = ? AND " + schema.segmentColumn() + " = ?";
        Connection connection = getConnection();
        try {
            return executeQuery(connection, c -> {
                PreparedStatement ps = c.prepareStatement(sql);
                ps.setString(1, processorName);
                ps.setInt(2, segment);
                return ps;
            }, (ResultSet rs) -> rs.next() ? rs.getBytes(1) : null,
                    e -> new JdbcException("Could not read the token of " + processorName + "[" + segment + "]", e));
        } finally {
            closeQuietly(connection);
        }
    }

    /** Remembers the bytes once the surrounding transaction commits; at once when there is none. */
    private void rememberOnCommit(Key key, byte[] bytes, TrackingToken token) {
        Seen now = new Seen(bytes, token, nanoTime.getAsLong(), null);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            inThisTransaction().put(key, now);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    seen.put(key, now);
                }
            });
        } else {
            seen.put(key, now);
        }
    }

    /**
     * What this instance read or wrote for the segment earlier in the current transaction (null: nothing, or no transaction):
     * the row holds it for this transaction although {@link #seen} keeps the committed bytes until the commit. Axon's tracking
     * processor writes the batch's token when the batch begins and, when the batch took longer than its event availability
     * timeout (1 s), extends the claim as it commits, in the same transaction: compared with the committed bytes, that
     * extension had been taken for a lost commit (a fresh reviewer saw three mismatches counted on a fresh install's first,
     * slow replay, and the batches rolled back and retried).
     */
    private Seen writtenInThisTransaction(Key key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<Key, Seen> written = (Map<Key, Seen>) TransactionSynchronizationManager.getResource(this);
        return written == null ? null : written.get(key);
    }

    /** The current transaction's reads and writes of held segments, bound to it until it completes. */
    private Map<Key, Seen> inThisTransaction() {
        @SuppressWarnings("unchecked")
        Map<Key, Seen> written = (Map<Key, Seen>) TransactionSynchronizationManager.getResource(this);
        if (written == null) {
            written = new java.util.HashMap<>();
            TransactionSynchronizationManager.bindResource(this, written);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CompareAndSetTokenStore.this);
                }
            });
        }
        return written;
    }

    /**
     * The row of a segment this instance holds holds a token other than the one it last read or wrote, and no
     * other node owns it: a commit was lost (the projection service commits asynchronously and PostgreSQL
     * restarted), or someone wrote the table by hand. The processor treats it as an error: it releases its
     * claim, waits its retry interval (1 s first), reads the stored token again and handles the events after
     * it again.
     */
    public static class TokenMismatchException extends RuntimeException {
        TokenMismatchException(String processorName, int segment) {
            super("The stored token of " + processorName + "[" + segment + "] is not the one this instance last read or wrote: "
                    + "a committed batch was lost (asynchronous commit and a PostgreSQL restart?) or the row was changed by hand. "
                    + "Reading the stored token again; the events after it are handled again.");
        }
    }
}
