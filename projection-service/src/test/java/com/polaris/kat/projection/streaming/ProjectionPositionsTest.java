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

    /**
     * A fresh reviewer's burst of 200 reads waiting for a position nobody would write held every request thread for 5 s: reads
     * beyond the bound are answered at once, as if their wait had run out, and a read whose position is processed is
     * answered at once whatever the bound.
     */
    @Test
    void readsBeyondTheBoundOfWaitingReadsAreAnsweredAtOnce() throws Exception {
        GapAwareTrackingToken at = GapAwareTrackingToken.newInstance(100, List.of());
        org.axonframework.eventhandling.EventTrackerStatus status = org.mockito.Mockito.mock(org.axonframework.eventhandling.EventTrackerStatus.class);
        // the token the processor reports, changed below while the waits' checker thread reads it: stubbing a mock while
        // another thread calls it is not safe in Mockito (a CI run failed with WrongTypeOfReturnValue), an answer reading this is
        java.util.concurrent.atomic.AtomicReference<org.axonframework.eventhandling.TrackingToken> reported = new java.util.concurrent.atomic.AtomicReference<>(at);
        org.mockito.Mockito.when(status.getTrackingToken()).thenAnswer(call -> reported.get());
        org.axonframework.eventhandling.StreamingEventProcessor processor = org.mockito.Mockito.mock(org.axonframework.eventhandling.StreamingEventProcessor.class);
        org.mockito.Mockito.when(processor.processingStatus()).thenReturn(java.util.Map.of(0, status));
        org.axonframework.config.EventProcessingConfiguration processing = org.mockito.Mockito.mock(org.axonframework.config.EventProcessingConfiguration.class);
        org.mockito.Mockito.when(processing.eventProcessor("registrations", org.axonframework.eventhandling.StreamingEventProcessor.class))
                .thenReturn(java.util.Optional.of(processor));
        ProjectionPositions positions = new ProjectionPositions(processing, null, 10_000, 2,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = readers.submit(() -> positions.await("registrations", 101L));
            var second = readers.submit(() -> positions.await("registrations", 102L));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> positions.waitingReads() == 2);
            long started = System.nanoTime();
            assertThat(positions.await("registrations", 103L)).as("a third read waits for nothing")
                    .isEqualTo(ProjectionPositions.Wait.NOT_KEPT_WAITING);
            assertThat(positions.await("registrations", 100L)).as("processed already").isEqualTo(ProjectionPositions.Wait.PROCESSED);
            assertThat(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
            assertThat(first.isDone() || second.isDone()).as("the two reads still wait").isFalse();
            reported.set(GapAwareTrackingToken.newInstance(102, List.of()));
            assertThat(first.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ProjectionPositions.Wait.PROCESSED);
            assertThat(second.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ProjectionPositions.Wait.PROCESSED);
        } finally {
            readers.shutdownNow();
            positions.stopWaits();
        }
    }

    /**
     * Whether a read's position is processed already, asked of every projection it reads, from the processors' in-memory status:
     * a read so answered skips the completeness check before the wait ({@code web/Freshness}), its snapshot still checks.
     */
    @Test
    void aPositionIsProcessedWhenEveryProjectionReadHoldsItsSegmentHereAndCoversIt() {
        org.axonframework.config.EventProcessingConfiguration processing = org.mockito.Mockito.mock(org.axonframework.config.EventProcessingConfiguration.class);
        processorAt(processing, "registrations", java.util.Map.of(0, status(GapAwareTrackingToken.newInstance(100, List.of()), false)));
        processorAt(processing, "catalog", java.util.Map.of(0, status(afterAConflict, false)));
        processorAt(processing, "ledger", java.util.Map.of()); // another instance holds its claim
        processorAt(processing, "audit", java.util.Map.of(0, status(GapAwareTrackingToken.newInstance(500, List.of()), true)));
        ProjectionPositions positions = new ProjectionPositions(processing, null, 10_000, 2,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        try {
            assertThat(positions.processed(List.of("registrations", "catalog"), 100)).isTrue();
            assertThat(positions.processed(List.of("registrations", "catalog"), 117)).as("a gap of the catalog's").isFalse();
            assertThat(positions.processed(List.of("registrations"), 101)).isFalse();
            assertThat(positions.processed(List.of("registrations", "ledger"), 10)).as("no segment here").isFalse();
            assertThat(positions.processed(List.of("audit"), 10)).as("in error").isFalse();
        } finally {
            positions.stopWaits();
        }
    }

    /**
     * A rebuild replays until it reaches the history it had at its reset, whatever Axon's caught-up flag says between two of
     * the store's fetches (a live rebuild read "replaying: false" at 1,030 of 7,757, and a second rebuild was accepted).
     */
    @Test
    void aSegmentReplaysUntilItReachesTheHistoryAtItsResetWhateverAxonsCaughtUpFlagSays() {
        org.axonframework.eventhandling.TrackingToken reset = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(7757, List.of()),
                GapAwareTrackingToken.newInstance(-1, List.of()));
        // part-way (Axon's caught-up flag, true between two of the store's fetches, is not asked)
        var midway = org.axonframework.eventhandling.WrappedToken.advance(reset, GapAwareTrackingToken.newInstance(1030, List.of()));
        assertThat(ProjectionPositions.replaying(List.of(midway))).isTrue();
        assertThat(ProjectionPositions.replaying(List.of(reset))).as("just reset").isTrue();
        var done = org.axonframework.eventhandling.WrappedToken.advance(reset, GapAwareTrackingToken.newInstance(7757, List.of()));
        assertThat(ProjectionPositions.replaying(List.of(done))).as("a caught-up replay token").isFalse();
        assertThat(ProjectionPositions.replaying(List.of(GapAwareTrackingToken.newInstance(9, List.of())))).isFalse();
        assertThat(ProjectionPositions.replaying(List.of())).as("no segment").isFalse();
    }

    private static org.axonframework.eventhandling.EventTrackerStatus status(org.axonframework.eventhandling.TrackingToken token, boolean error) {
        org.axonframework.eventhandling.EventTrackerStatus status = org.mockito.Mockito.mock(org.axonframework.eventhandling.EventTrackerStatus.class);
        org.mockito.Mockito.when(status.getTrackingToken()).thenReturn(token);
        org.mockito.Mockito.when(status.isErrorState()).thenReturn(error);
        return status;
    }

    private static void processorAt(org.axonframework.config.EventProcessingConfiguration processing, String name,
                                    java.util.Map<Integer, org.axonframework.eventhandling.EventTrackerStatus> segments) {
        org.axonframework.eventhandling.StreamingEventProcessor processor = org.mockito.Mockito.mock(org.axonframework.eventhandling.StreamingEventProcessor.class);
        org.mockito.Mockito.when(processor.processingStatus()).thenReturn(segments);
        org.mockito.Mockito.when(processing.eventProcessor(name, org.axonframework.eventhandling.StreamingEventProcessor.class))
                .thenReturn(java.util.Optional.of(processor));
    }

    /**
     * A read's wait asks every segment, wherever it is held: a segment held here by its in-memory status, the others by the
     * token stored in the shared table (segments split across instances; an instance that holds none), and it is not
     * reached while a segment held here is in error.
     */
    @Test
    void aWaitAsksEverySegmentHereInMemoryAndElsewhereByItsStoredToken() {
        org.axonframework.config.EventProcessingConfiguration processing = org.mockito.Mockito.mock(org.axonframework.config.EventProcessingConfiguration.class);
        processorAt(processing, "ledger", java.util.Map.of(0, status(GapAwareTrackingToken.newInstance(100, List.of()), false))); // of 0 and 1
        processorAt(processing, "audit", java.util.Map.of()); // another instance holds its one segment
        processorAt(processing, "credit", java.util.Map.of(0, status(GapAwareTrackingToken.newInstance(100, List.of()), true)));
        processorAt(processing, "catalog", java.util.Map.of(0, status(GapAwareTrackingToken.newInstance(100, List.of()), false)));
        ProjectionTokens stored = org.mockito.Mockito.mock(ProjectionTokens.class);
        org.mockito.Mockito.when(stored.segments("ledger")).thenReturn(List.of(
                new ProjectionTokens.Segment("ledger", 0, "here", null, GapAwareTrackingToken.newInstance(50, List.of())), // older than in memory
                new ProjectionTokens.Segment("ledger", 1, "elsewhere", null, GapAwareTrackingToken.newInstance(80, List.of()))));
        org.mockito.Mockito.when(stored.segments("audit")).thenReturn(List.of(
                new ProjectionTokens.Segment("audit", 0, "elsewhere", null, afterAConflict)));
        org.mockito.Mockito.when(stored.segments("credit")).thenReturn(List.of(
                new ProjectionTokens.Segment("credit", 0, "here", null, GapAwareTrackingToken.newInstance(100, List.of()))));
        org.mockito.Mockito.when(stored.segments("catalog")).thenReturn(List.of(
                new ProjectionTokens.Segment("catalog", 0, "here", null, GapAwareTrackingToken.newInstance(10, List.of()))));
        org.mockito.Mockito.when(stored.segments("transcripts")).thenReturn(List.of());
        processorAt(processing, "transcripts", java.util.Map.of());
        ProjectionPositions positions = new ProjectionPositions(processing, null, 10_000, 2,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), stored, null);
        try {
            assertThat(positions.reached("ledger", 80)).as("segment 0 here at 100, segment 1 stored at 80").isTrue();
            assertThat(positions.reached("ledger", 90)).as("segment 1 elsewhere has not reached it").isFalse();
            assertThat(positions.reached("audit", 120)).as("held elsewhere: its stored token").isTrue();
            assertThat(positions.reached("audit", 117)).as("a gap in the stored token").isFalse();
            assertThat(positions.reached("credit", 50)).as("in error here").isFalse();
            assertThat(positions.reached("catalog", 100)).as("every segment here: the in-memory status, not the older stored token").isTrue();
            assertThat(positions.reached("transcripts", 0)).as("never started anywhere").isFalse();
        } finally {
            positions.stopWaits();
        }
    }

    @Test
    void duringAReplayOnlyWhatTheReplayReachedCounts() {
        var replay = ReplayToken.createReplayToken(afterAConflict, GapAwareTrackingToken.newInstance(40, List.of()));
        assertThat(ProjectionPositions.reached(replay)).isEqualTo(40);
        assertThat(ProjectionPositions.covers(replay, 41)).isFalse();
        assertThat(ProjectionPositions.covers(new GlobalSequenceTrackingToken(9), 9)).isTrue();
    }
}
