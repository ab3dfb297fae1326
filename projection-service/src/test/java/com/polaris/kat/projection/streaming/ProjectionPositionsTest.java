package com.polaris.kat.projection.streaming;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionPositionsTest {

    /** A write conflict between two instances leaves a hole in the global index for good. */
    private final GapAwareTrackingToken afterAConflict = GapAwareTrackingToken.newInstance(120, List.of(117L));

    @Test
    void aPositionIsCoveredOnceReachedUnlessItIsStillAGap() {
        assertThat(ProjectionPositions.covers(afterAConflict, 120)).isTrue();
        assertThat(ProjectionPositions.covers(afterAConflict, 118)).isTrue();
        assertThat(ProjectionPositions.covers(afterAConflict, 117)).as("rolled back, or a commit still in flight").isFalse();
        assertThat(ProjectionPositions.covers(afterAConflict, 121)).isFalse();
    }

    @Test
    void anOldGapDoesNotHoldTheReachedPositionBack() {
        // before: the position reported stopped just below the oldest gap for up to the gap timeout (10 minutes)
        assertThat(ProjectionPositions.reached(afterAConflict)).isEqualTo(120);
    }

    @Test
    void duringAReplayOnlyWhatTheReplayReachedCounts() {
        var replay = ReplayToken.createReplayToken(afterAConflict, GapAwareTrackingToken.newInstance(40, List.of()));
        assertThat(ProjectionPositions.reached(replay)).isEqualTo(40);
        assertThat(ProjectionPositions.covers(replay, 41)).isFalse();
        assertThat(ProjectionPositions.covers(new GlobalSequenceTrackingToken(9), 9)).isTrue();
    }
}
