package com.polaris.kat.projection.streaming;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** When the token table says a projection's view is incomplete (being rebuilt, first built, never started). */
class ProjectionTokensTest {

    private static GapAwareTrackingToken at(long index) {
        return GapAwareTrackingToken.newInstance(index, Set.of());
    }

    private static List<ProjectionTokens.Segment> one(TrackingToken token) {
        return List.of(new ProjectionTokens.Segment("ledger", 0, "node-a", "2023-09-01T00:00:00Z", token));
    }

    @Test
    void aProjectionNoInstanceHasStartedIsNotBuiltYet() {
        assertThat(ProjectionTokens.replay("ledger", List.of())).hasValueSatisfying(r -> assertThat(r.started()).isFalse());
    }

    @Test
    void anOrdinaryTokenOrNoTokenYetIsComplete() {
        assertThat(ProjectionTokens.replay("ledger", one(at(40)))).isEmpty();
        assertThat(ProjectionTokens.replay("ledger", one(null))).isEmpty();
    }

    @Test
    void aResetTokenIsIncompleteUntilItReachesThePositionTheHistoryHadAtTheReset() {
        // what resetTokens() stores: the old token is the target, the start is Axon's own (nested) replay token from the head
        TrackingToken reset = ReplayToken.createReplayToken(at(500), ReplayToken.createReplayToken(at(500)));
        assertThat(ProjectionTokens.replay("ledger", one(reset))).hasValueSatisfying(r -> {
            assertThat(r.started()).isTrue();
            assertThat(r.through()).isEqualTo(-1);
            assertThat(r.until()).isEqualTo(500);
        });
        TrackingToken halfway = WrappedToken.advance(reset, at(250));
        assertThat(ProjectionTokens.replay("ledger", one(halfway))).hasValueSatisfying(r -> assertThat(r.through()).isEqualTo(250));
        // caught up: Axon keeps the replay token until a newer event arrives, but the view is complete
        TrackingToken caughtUp = WrappedToken.advance(halfway, at(500));
        assertThat(caughtUp).isInstanceOf(ReplayToken.class);
        assertThat(ProjectionTokens.replay("ledger", one(caughtUp))).isEmpty();
    }

    /**
     * The admin status's "replaying" asks the same: a replay token that has caught up (what a restart reads from the store
     * after a rebuild, until a newer event arrives) is no longer a replay; the console had said "rebuilding" meanwhile.
     */
    @Test
    void aReplayTargetIsThereOnlyUntilTheReplayReachesIt() {
        TrackingToken reset = ReplayToken.createReplayToken(at(500), ReplayToken.createReplayToken(at(500)));
        assertThat(ProjectionTokens.replayTarget(reset)).hasValue(500);
        assertThat(ProjectionTokens.replayTarget(WrappedToken.advance(reset, at(499)))).hasValue(500);
        TrackingToken caughtUp = WrappedToken.advance(reset, at(500));
        assertThat(caughtUp).isInstanceOf(ReplayToken.class);
        assertThat(ProjectionTokens.replayTarget(caughtUp)).isEmpty();
        assertThat(ProjectionTokens.replayTarget(at(40))).isEmpty();
        assertThat(ProjectionTokens.replayTarget(null)).isEmpty();
    }

    @Test
    void theFirstStartOverAnExistingHistoryIsIncompleteUntilItReachesTheHeadItStartedAt() {
        TrackingToken first = ReplayToken.createReplayToken(at(99)); // a processor's initial token
        assertThat(ProjectionTokens.replay("ledger", one(first))).hasValueSatisfying(r -> assertThat(r.until()).isEqualTo(99));
        assertThat(ProjectionTokens.replay("ledger", one(WrappedToken.advance(first, at(99))))).isEmpty();
    }

    /**
     * Every query's completeness check reads the tokens' rows: a token of a type that never wraps a replay is not deserialized
     * (here its bytes are not even JSON), a replay token is, and tells how far the replay got.
     */
    @Test
    void theCheckOfEveryQueryDeserializesOnlyTokensThatMayBeReplays() throws Exception {
        org.axonframework.serialization.Serializer serializer = org.axonframework.serialization.json.JacksonSerializer.defaultSerializer();
        TrackingToken replaying = WrappedToken.advance(ReplayToken.createReplayToken(at(500)), at(250));
        byte[] replayJson = serializer.serialize(replaying, byte[].class).getData();
        java.sql.ResultSet rows = org.mockito.Mockito.mock(java.sql.ResultSet.class);
        org.mockito.Mockito.when(rows.next()).thenReturn(true, true, false);
        org.mockito.Mockito.when(rows.getString("processor_name")).thenReturn("audit", "ledger");
        org.mockito.Mockito.when(rows.getInt("segment")).thenReturn(0, 0);
        org.mockito.Mockito.when(rows.getString("token_type")).thenReturn(ReplayToken.class.getName(),
                com.polaris.kat.eventstore.position.IndexedGapAwareToken.class.getName());
        org.mockito.Mockito.when(rows.getBytes("token")).thenReturn(replayJson, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ProjectionTokens tokens = new ProjectionTokens(null, serializer, "projection.token_entry", "node-a");

        assertThat(tokens.incomplete(List.of("ledger", "audit"), rows)).hasValueSatisfying(r -> {
            assertThat(r.projection()).isEqualTo("audit");
            assertThat(r.through()).isEqualTo(250);
            assertThat(r.until()).isEqualTo(500);
        });
    }
}
