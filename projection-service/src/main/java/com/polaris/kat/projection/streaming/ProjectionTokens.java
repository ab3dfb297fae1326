package com.polaris.kat.projection.streaming;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The projections' rows in the shared token table ({@code kat.token-table}), as every instance sees
 * them, whichever holds the claims: which node holds each segment's claim, and whether a
 * projection's view is complete. Reads only; the processors write these rows through Axon's token store.
 */
@Component
public class ProjectionTokens {

    /**
     * One segment of a projection: the node that holds its claim ({@code null} when nobody does),
     * when that claim was last renewed (Axon's timestamp text), and the token (null before the first event).
     */
    public record Segment(String projection, int segment, String owner, String claimRenewedAt, TrackingToken token) {
    }

    /**
     * A projection whose view is not complete: its processor is replaying from the first event
     * (after a rebuild, or on its very first start over an existing history) and has processed
     * through {@code through}, of the {@code until} the history had when the replay began.
     * {@code until} is -1 when the projection has no token yet (no instance has ever started it).
     */
    public record Replay(String projection, long through, long until) {
        public boolean started() {
            return until >= 0;
        }
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String table;
    private final String nodeId;

    /**
     * @param nodeId this instance's name in the token table's {@code owner} column
     *               ({@code kat.projections.node-id}); blank: Axon's default, {@code pid@host}
     */
    public ProjectionTokens(JdbcTemplate jdbc, Serializer serializer, @Value("${kat.token-table}") String table,
                            @Value("${kat.projections.node-id:}") String nodeId) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.table = table;
        this.nodeId = nodeId == null || nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId.strip();
    }

    /** The name this instance claims tokens under (the token store is built with it). */
    public String nodeId() {
        return nodeId;
    }

    /** Every segment of these projections, ordered by projection and segment; none for a projection never started. */
    public List<Segment> segments(Collection<String> projections) {
        return jdbc.query(segmentsSql(), (rs, i) -> segment(rs, true), (Object) projections.toArray(String[]::new));
    }

    /**
     * The statement that reads these rows: one parameter, the projections' names (a {@code text[]}); its rows are read by
     * {@link #incomplete(Collection, ResultSet)}. Public so that a query's snapshot can send it in the round trip that
     * begins the snapshot ({@code web/Freshness}).
     */
    public String segmentsSql() {
        return "SELECT processor_name, segment, token, token_type, timestamp, owner FROM " + table
                + " WHERE processor_name = ANY (?) ORDER BY processor_name, segment";
    }

    /**
     * Token types that never wrap a {@link ReplayToken}: a segment holding one is not replaying, which the completeness
     * check of every query ({@link #incomplete(Collection, ResultSet)}) then knows without deserializing its JSON
     * (3.6 % of the projection service's request threads in {@code profile projection}, 2026-12-04 08:48).
     */
    private static final java.util.Set<String> PLAIN_TOKEN_TYPES = java.util.Set.of(
            com.polaris.kat.eventstore.position.IndexedGapAwareToken.class.getName(), GapAwareTrackingToken.class.getName(),
            org.axonframework.eventhandling.GlobalSequenceTrackingToken.class.getName());

    /**
     * One row of {@link #segmentsSql()}; with {@code tokenNeeded} false a token of a {@link #PLAIN_TOKEN_TYPES plain type}
     * is left out (null), which {@link #replay} reads as "not replaying", as it reads the token itself.
     */
    private Segment segment(ResultSet rs, boolean tokenNeeded) throws SQLException {
        String projection = rs.getString("processor_name");
        int segment = rs.getInt("segment");
        String owner = rs.getString("owner");
        String timestamp = rs.getString("timestamp");
        String type = rs.getString("token_type");
        TrackingToken token = null;
        if (tokenNeeded || type == null || !PLAIN_TOKEN_TYPES.contains(type)) {
            token = new GenericTokenEntry<>(rs.getBytes("token"), type, timestamp, owner, projection, segment, byte[].class).getToken(serializer);
        }
        return new Segment(projection, segment, owner, timestamp, token);
    }

    /** Every segment of one projection. */
    public List<Segment> segments(String projection) {
        return segments(List.of(projection));
    }

    /**
     * The first of these projections whose view is incomplete, as the token table says now (so in a
     * transaction, as of that transaction's snapshot); empty when every one is complete.
     */
    public Optional<Replay> incomplete(Collection<String> projections) {
        return jdbc.query(segmentsSql(), (org.springframework.jdbc.core.ResultSetExtractor<Optional<Replay>>) rs -> incomplete(projections, rs),
                (Object) projections.toArray(String[]::new));
    }

    /**
     * {@link #incomplete(Collection)} from the rows of {@link #segmentsSql()} (read to the end here, not closed).
     *
     * @throws SQLException reading the rows failed
     */
    public Optional<Replay> incomplete(Collection<String> projections, ResultSet rows) throws SQLException {
        return incomplete(projections, rows, null);
    }

    /**
     * What a query's snapshot also asks of each token row it read: the projection, the segment, the token's bytes, and the
     * token (deserialized only when asked; null: no token).
     */
    @FunctionalInterface
    public interface RowCheck {
        /** Throws (a problem) when the row cannot stand; returns normally when it can. */
        void check(String projection, int segment, byte[] token, java.util.function.Supplier<TrackingToken> stored);
    }

    /**
     * {@link #incomplete(Collection, ResultSet)}, with each row also given to {@code check} (null: none) once every view is
     * known to be complete.
     *
     * @throws SQLException reading the rows failed
     */
    public Optional<Replay> incomplete(Collection<String> projections, ResultSet rows, RowCheck check) throws SQLException {
        List<Segment> all = new ArrayList<>();
        List<Runnable> checks = new ArrayList<>();
        while (rows.next()) {
            Segment s = segment(rows, false);
            if (check != null) {
                byte[] bytes = rows.getBytes("token");
                String type = rows.getString("token_type");
                checks.add(() -> check.check(s.projection(), s.segment(), bytes, () -> {
                    TrackingToken t = s.token() != null || type == null ? s.token()
                            : new GenericTokenEntry<>(bytes, type, s.claimRenewedAt(), s.owner(), s.projection(), s.segment(), byte[].class)
                            .getToken(serializer);
                    return t;
                }));
            }
            all.add(s);
        }
        for (String projection : projections) {
            List<Segment> mine = new ArrayList<>();
            for (Segment s : all) {
                if (s.projection().equals(projection)) {
                    mine.add(s);
                }
            }
            Optional<Replay> replay = replay(projection, mine);
            if (replay.isPresent()) {
                return replay;
            }
        }
        checks.forEach(Runnable::run); // only for complete views: a view being rebuilt says so first
        return Optional.empty();
    }

    /**
     * Whether a projection with these segments is replaying towards the position its history had at
     * the reset. Axon leaves a {@link ReplayToken} in place after the replay has caught up (until a
     * newer event arrives), so the test is the position reached, not the token's type: once every
     * segment has processed the position the history had at the reset, the view is complete again
     * (and merely lags, like any view, behind later events).
     */
    static Optional<Replay> replay(String projection, List<Segment> segments) {
        if (segments.isEmpty()) {
            return Optional.of(new Replay(projection, -1, -1));
        }
        long through = Long.MAX_VALUE;
        long until = -1;
        for (Segment s : segments) {
            java.util.OptionalLong target = replayTarget(s.token());
            if (target.isPresent()) {
                through = Math.min(through, ProjectionPositions.reached(s.token()));
                until = Math.max(until, target.getAsLong());
            }
        }
        return until < 0 ? Optional.empty() : Optional.of(new Replay(projection, through, until));
    }

    /**
     * The global index a segment's replay must reach (the history at the reset) when its token is a replay that has not
     * reached it yet; empty for any other token, and for a {@link ReplayToken} Axon leaves in place after the replay caught
     * up. The one rule for "replaying": the reads' completeness check and the admin status ({@code ProjectionPositions.replaying})
     * both apply it to the stored tokens.
     */
    public static java.util.OptionalLong replayTarget(TrackingToken token) {
        Optional<ReplayToken> replay = WrappedToken.unwrap(token, ReplayToken.class);
        if (replay.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        long target = index(WrappedToken.unwrapUpperBound(replay.get().getTokenAtReset()));
        return ProjectionPositions.reached(replay.get()) < target ? java.util.OptionalLong.of(target) : java.util.OptionalLong.empty();
    }

    private static long index(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken g) {
            return g.getIndex();
        }
        return token == null ? -1 : token.position().orElse(-1);
    }
}
