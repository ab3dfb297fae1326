package com.polaris.kat.eventstore.position;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule of "does not advance" and the cluster's position of a processor ({@link ProgressWatch}). */
class ProgressWatchTest {

    private static final Instant T = Instant.parse("2026-12-06T01:00:00Z");

    @Test
    void behindAndStillForTheBoundIsNotAdvancingAndAnyStepOrCatchingUpClearsIt() {
        ProgressWatch w = new ProgressWatch(Duration.ofSeconds(60));
        w.observe("p", 10, 15, T);
        w.observe("p", 10, 16, T.plusSeconds(59));
        assertThat(w.notAdvancing("p", T.plusSeconds(59))).isEmpty();
        assertThat(w.secondsNotAdvancing("p", T.plusSeconds(59))).isEqualTo(59.0);
        assertThat(w.observe("p", 10, 17, T.plusSeconds(60))).as("said once").isEqualTo(ProgressWatch.Change.STOPPED_ADVANCING);
        assertThat(w.notAdvancing("p", T.plusSeconds(60))).hasValue(new ProgressWatch.NotAdvancing(10, 17, T));
        assertThat(w.notAdvancing(List.of("p", "other"), T.plusSeconds(60))).containsOnlyKeys("p");
        assertThat(w.notAdvancing("p", T.plusSeconds(60)).orElseThrow().behind()).isEqualTo(7);
        assertThat(w.notAdvancing("p", T.plusSeconds(60)).orElseThrow().details())
                .containsExactly(Map.entry("processedThrough", 10L), Map.entry("head", 17L), Map.entry("behind", 7L),
                        Map.entry("notAdvancingSince", "2026-12-06T01:00:00Z"));

        // one step forward, still behind: counted afresh from that reading
        assertThat(w.observe("p", 11, 17, T.plusSeconds(61))).isEqualTo(ProgressWatch.Change.ADVANCES_AGAIN);
        assertThat(w.notAdvancing("p", T.plusSeconds(120))).isEmpty();
        assertThat(w.notAdvancing("p", T.plusSeconds(121))).hasValue(new ProgressWatch.NotAdvancing(11, 17, T.plusSeconds(61)));

        // caught up: nothing to say, however long it stays so
        w.observe("p", 17, 17, T.plusSeconds(122));
        assertThat(w.notAdvancing("p", T.plusSeconds(1_000))).isEmpty();
        assertThat(w.secondsNotAdvancing("p", T.plusSeconds(1_000))).isZero();

        // behind from the first reading: the bound counts from that reading; forgetting drops it
        w.observe("q", -1, 3, T);
        assertThat(w.notAdvancing("q", T.plusSeconds(60))).hasValue(new ProgressWatch.NotAdvancing(-1, 3, T));
        w.forget("q");
        assertThat(w.notAdvancing("q", T.plusSeconds(600))).isEmpty();
    }

    @Test
    void theClustersPositionIsTheLowestSegmentsByTheMemoryOfSegmentsHeldHereAndTheStoredTokenOtherwise() {
        TrackingToken stored0 = GapAwareTrackingToken.newInstance(40, List.of());
        TrackingToken stored1 = GapAwareTrackingToken.newInstance(30, List.of(25L));
        Map<Integer, TrackingToken> stored = new HashMap<>(Map.of(0, stored0, 1, stored1));

        assertThat(ProgressWatch.through(stored, Map.of())).as("held elsewhere or nowhere: the stored tokens").isEqualTo(30);
        TrackerStatus here1 = new TrackerStatus(Segment.computeSegment(1, 0, 1), GapAwareTrackingToken.newInstance(45, List.of()));
        assertThat(ProgressWatch.through(stored, Map.of(1, here1))).as("segment 1 held here, ahead of its stored token").isEqualTo(40);
        assertThat(ProgressWatch.through(stored, Map.of(1, here1.markError(new IllegalStateException("retrying")))))
                .as("in error here: where the retry resumes").isEqualTo(30);

        stored.put(1, null);
        assertThat(ProgressWatch.through(stored, Map.of())).as("a segment with no token yet").isEqualTo(-1);
        assertThat(ProgressWatch.reached(ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(9), new GlobalSequenceTrackingToken(7))))
                .as("a replay's position, Axon Server's token").isEqualTo(7);
    }
}
