package com.polaris.kat.projection.web;

import com.polaris.kat.projection.streaming.CompareAndSetTokenStore;
import com.polaris.kat.projection.streaming.ParkedEvents;
import com.polaris.kat.projection.streaming.ProjectionPositions;
import com.polaris.kat.projection.streaming.ProjectionTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.function.Supplier;

/**
 * The one way the query endpoints read a view: never an incomplete view with 200, and
 * read-your-writes.
 * <ul>
 * <li>The view's completeness comes from the shared token table, so every instance knows, whichever
 * holds the claim: while a projection the query reads replays from the first event (a rebuild, or its
 * very first start over an existing history) and has not reached the history it had when the replay
 * began, the query answers {@code 503 projection-rebuilding} with {@code Retry-After}.</li>
 * <li>That check and the query run in one read-only REPEATABLE READ transaction, that is, on one
 * snapshot: the reset that empties the tables (DELETE) and stores the replay token commits at once,
 * so a snapshot shows either the complete view before it with the old token, or the replay token.</li>
 * <li>{@code minPosition}: waits (bounded, before the transaction, holding no connection) for the
 * projection to have processed that position, else {@code 503 projection-behind}; a bad value, and (after the wait)
 * a position beyond the event store's last one, which no command answered and no retry reaches, is
 * {@code 400 invalid-query}. A view that parked an event at or before {@code minPosition} (it lacks it, though it has
 * processed past it) is {@code 503 projection-behind} at once, naming the position.</li>
 * </ul>
 */
@Component
public class Freshness {

    private final ProjectionPositions positions;
    private final ProjectionTokens tokens;
    private final TransactionTemplate snapshot;
    private final JdbcTemplate jdbc;
    private final ParkedEvents parked;
    private final CompareAndSetTokenStore written;

    /**
     * @param transactions the views' transaction manager (the JDBC one: {@code jdbc} takes part in its transactions)
     * @param jdbc         sends the snapshot's first statement (REPEATABLE READ, the tokens, the parked events) in its transaction
     * @param parked       the events the projections parked (a read with minPosition at or after one is refused)
     */
    public Freshness(ProjectionPositions positions, ProjectionTokens tokens, PlatformTransactionManager transactions, JdbcTemplate jdbc,
                     ParkedEvents parked, org.axonframework.eventhandling.tokenstore.TokenStore tokenStore) {
        this.positions = positions;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.parked = parked;
        this.written = tokenStore instanceof CompareAndSetTokenStore cas ? cas : null; // Axon's own store: no such check
        // the isolation level is set by the transaction's first statement, not on the connection: Spring would read the
        // connection's level, set it, and set it back after the transaction, three round trips of every query (10 % of the
        // request threads' CPU in a projection-service profile during the lag run, 2026-12-01)
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
    }

    /** {@link #read(List, String, Supplier)} of a view built by one projection. */
    public <T> T read(String projection, String minPosition, Supplier<T> query) {
        return read(List.of(projection), minPosition, query);
    }

    /** {@link #read(List, String, Supplier)} without {@code minPosition}. */
    public <T> T read(String projection, Supplier<T> query) {
        return read(List.of(projection), null, query);
    }

    /**
     * Runs the query once the view is fresh enough and complete, on one snapshot with the check.
     *
     * @param projections the projections whose tables the query reads; {@code minPosition} is awaited on each
     * @param minPosition a command's {@code KAT-Event-Position}, or null (absent)
     * @return what the query returns
     * @throws BadQuery             minPosition is not a whole number from 0, or (after the wait) beyond the store's last
     *                              position (400 invalid-query)
     * @throws ProjectionBehind     a projection has not reached minPosition within the wait, or has parked an event at or before
     *                              it (503 projection-behind)
     * @throws ProjectionRebuilding one of the projections is being rebuilt or first built (503 projection-rebuilding)
     */
    public <T> T read(List<String> projections, String minPosition, Supplier<T> query) {
        final Long awaited;
        if (BadQuery.given("minPosition", minPosition) != null) {
            long p = BadQuery.wholeNumber("minPosition", minPosition, 0, Long.MAX_VALUE,
                    "the KAT-Event-Position of a command's response");
            awaited = p;
            // already processed (in memory; the common case of a read sent after its command's response): no wait, so nothing to
            // say at once; the snapshot below still checks completeness. Otherwise a rebuild says so at once rather than after the wait
            if (!positions.processed(projections, p)) {
                requireComplete(projections);
            }
            for (String projection : projections) {
                ProjectionPositions.Wait wait = positions.await(projection, p);
                if (wait != ProjectionPositions.Wait.PROCESSED) {
                    long head = positions.head();
                    if (p > head) {
                        throw new BadQuery("minPosition", "minPosition " + p + " is beyond the last position of the event store (" + head
                                + "): no command's response carried it, and retrying will not help; send the KAT-Event-Position of a command's response.");
                    }
                    // a rebuild that began during the wait says so, rather than "behind" (a fresh reviewer's read sent just
                    // before a rebuild's reset committed waited out the replay)
                    requireComplete(projections);
                    throw new ProjectionBehind("The " + projection + " view has not reached position " + p + " yet; retry shortly."
                            + (wait == ProjectionPositions.Wait.NOT_KEPT_WAITING
                            ? " This read was answered at once: " + positions.maxWaitingReads()
                            + " reads were waiting already, the most the service keeps waiting." : ""));
                }
            }
        } else {
            awaited = null;
        }
        // what this instance's processors had committed before the snapshot begins: all of it is in the snapshot, unless the
        // database took it back
        java.util.Map<String, CompareAndSetTokenStore.Committed> committed = awaited == null || written == null ? null : written.committed(projections);
        return snapshot.execute(tx -> {
            beginSnapshot(projections, awaited, committed);
            return query.get();
        });
    }

    /**
     * The snapshot's first round trip: one statement sent with three parts (and the two {@code SET LOCAL}s of a generic
     * plan around the last two), which PostgreSQL runs in order in the transaction
     * just begun (the driver sends its BEGIN READ ONLY with them): the REPEATABLE READ level, which PostgreSQL takes for this
     * transaction only as long as no query ran in it yet; the projections' tokens (the completeness check, the snapshot's first
     * query, so the snapshot the query reads too); and, when the read has a {@code minPosition}, their parked events' positions.
     * Sent apart they were three round trips of every read (each a socket write in both processes: the JDBC driver's
     * writes were 9.3 % of the request threads' CPU in {@code profile projection}, 2026-12-04 08:48).
     *
     * @throws ProjectionRebuilding a projection's view is incomplete
     * @throws ProjectionBehind     a projection parked an event at or before {@code awaited}
     */
    private void beginSnapshot(List<String> projections, Long awaited, java.util.Map<String, CompareAndSetTokenStore.Committed> committed) {
        // the tokens' and parked events' reads on the generic plan (GenericPlan): priced for an array of unknown length,
        // the tokens' read was planned at every query in a lag run (43,102 plans in 43,072 calls, planning 4.1 s against
        // 1.4 s of execution, 2026-12-07; in another run PostgreSQL had kept its generic plan)
        String sql = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;\n" + com.polaris.kat.eventstore.GenericPlan.inTransaction(tokens.segmentsSql()
                + (awaited == null ? "" : ";\n" + ParkedEvents.LOWEST_POSITIONS_SQL));
        String[] names = projections.toArray(String[]::new);
        jdbc.execute(sql, (PreparedStatementCallback<Void>) statement -> {
            statement.setObject(1, names);
            if (awaited != null) {
                statement.setObject(2, names);
            }
            int read = com.polaris.kat.eventstore.GenericPlan.eachResultSet(statement, (index, rows) -> {
                if (index == 0) {
                    tokens.incomplete(projections, rows, committed == null ? null
                                    : (projection, segment, token, stored) -> requireWhatWasCommitted(committed, projection, segment, token,
                                    stored, awaited))
                            .ifPresent(replay -> {
                                throw new ProjectionRebuilding(replay);
                            });
                } else {
                    requireNothingParkedUpTo(parked.lowestPositions(rows), awaited);
                }
            });
            if (read != (awaited == null ? 1 : 2)) {
                throw new IllegalStateException("the snapshot's first statement gave " + read + " result sets");
            }
            return null;
        });
    }

    /**
     * A read with {@code minPosition} whose snapshot holds a token that does not include that position although the token
     * this instance's processor had committed before the snapshot began does: a database crash took back commits the
     * processor made (it commits asynchronously), and it has not noticed yet (at most about a second:
     * CompareAndSetTokenStore); its position in memory says it processed rows the view lacks, so the read is refused
     * rather than answered without them (a fresh reviewer read a registration just read back as 404 after a crash). "Include"
     * is the token's index and its gaps: a lost commit that only filled a gap (same index) is told apart too. A lost commit
     * of later events than the read needs does not refuse it. The token is deserialized only when its bytes differ from the
     * committed ones (a commit raced the read, or one was lost).
     */
    private static void requireWhatWasCommitted(java.util.Map<String, CompareAndSetTokenStore.Committed> committed, String projection,
                                                int segment, byte[] token, java.util.function.Supplier<org.axonframework.eventhandling.TrackingToken> stored,
                                                long awaited) {
        CompareAndSetTokenStore.Committed before = committed.get(projection + "/" + segment);
        if (before == null || java.util.Arrays.equals(token, before.bytes()) || !ProjectionPositions.covers(before.token(), awaited)
                || ProjectionPositions.covers(stored.get(), awaited)) {
            return;
        }
        throw new ProjectionBehind("The " + projection + " view is catching up after the database took back its latest changes (a "
                + "database restart); it handles those events again within seconds. Retry shortly.");
    }

    /**
     * A view that parked an event at or before the position a read must include lacks it although its projection has
     * processed past it: such a read is refused rather than answered without the write (a fresh reviewer's ledger totals
     * lacked a payment with 200). Reads without {@code minPosition} still answer with the view as it is.
     */
    private static void requireNothingParkedUpTo(java.util.Map<String, Long> lowestParked, long position) {
        for (java.util.Map.Entry<String, Long> p : lowestParked.entrySet()) {
            if (p.getValue() <= position) {
                throw new ProjectionBehind("The " + p.getKey() + " view lacks an event it could not project, parked at position " + p.getValue()
                        + " (at or before " + position + "): this read answers once an administrator has fixed the cause and retried "
                        + "the parked events, not sooner; reading without minPosition gives the view as it is.", p.getKey(), p.getValue());
            }
        }
    }

    private void requireComplete(List<String> projections) {
        tokens.incomplete(projections).ifPresent(replay -> {
            throw new ProjectionRebuilding(replay);
        });
    }
}
