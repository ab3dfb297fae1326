package com.polaris.kat.projection.web;

import com.polaris.kat.projection.streaming.ProjectionTokens.Replay;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The 503 projection-rebuilding detail: how far the replay got, in words when it has processed nothing yet. */
class ProjectionRebuildingTest {

    @Test
    void aReplayThatHasProcessedNothingYetSaysSoInsteadOfPositionMinusOne() {
        // a fresh reviewer read "through position -1 of 351" right after starting a rebuild
        assertThat(new ProjectionRebuilding(new Replay("audit", -1, 351)).getMessage())
                .contains("(just begun: no event processed yet, up to position 351)").doesNotContain("-1");
        assertThat(new ProjectionRebuilding(new Replay("audit", 120, 351)).getMessage()).contains("(through position 120 of 351)");
        assertThat(new ProjectionRebuilding(new Replay("audit", -1, -1)).getMessage()).contains("has not been built yet");
    }
}
