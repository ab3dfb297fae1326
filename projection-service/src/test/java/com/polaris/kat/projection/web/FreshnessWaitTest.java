package com.polaris.kat.projection.web;

import com.polaris.kat.projection.streaming.ProjectionPositions;
import com.polaris.kat.projection.streaming.ProjectionTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** How a read whose wait for its minPosition runs out is answered. */
class FreshnessWaitTest {

    private final ProjectionPositions positions = mock(ProjectionPositions.class);
    private final ProjectionTokens tokens = mock(ProjectionTokens.class);
    private final Freshness freshness = new Freshness(positions, tokens, mock(org.springframework.transaction.PlatformTransactionManager.class), null, null, null);

    /**
     * A read sent just before a rebuild's reset committed passed the check before its wait and waited out the replay: it is
     * told the view is being rebuilt (503 projection-rebuilding, retry later), not that the projection is behind
     * (a fresh reviewer's finding, 2026-12-04).
     */
    @Test
    void aRebuildThatBeganDuringTheWaitIsSaidSo() {
        when(positions.processed(any(), anyLong())).thenReturn(false);
        when(positions.await(eq("ledger"), eq(120L))).thenReturn(ProjectionPositions.Wait.TIMED_OUT);
        when(positions.head()).thenReturn(130L);
        when(tokens.incomplete(List.of("ledger"))).thenReturn(Optional.empty(),
                Optional.of(new ProjectionTokens.Replay("ledger", 40, 130)));

        assertThatThrownBy(() -> freshness.read("ledger", "120", () -> "answer")).isInstanceOf(ProjectionRebuilding.class)
                .hasMessageContaining("ledger");
    }

    @Test
    void aCompleteViewThatDidNotReachThePositionIsBehind() {
        when(positions.processed(any(), anyLong())).thenReturn(false);
        when(positions.await(eq("ledger"), eq(120L))).thenReturn(ProjectionPositions.Wait.TIMED_OUT);
        when(positions.head()).thenReturn(130L);
        when(tokens.incomplete(List.of("ledger"))).thenReturn(Optional.empty());

        assertThatThrownBy(() -> freshness.read("ledger", "120", () -> "answer")).isInstanceOf(ProjectionBehind.class)
                .hasMessageContaining("has not reached position 120");
    }
}
