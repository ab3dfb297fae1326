package com.polaris.kat.projection.streaming;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Where each projection stands in the event stream. A command's response carries the position of
 * the events it wrote; a query that passes it as {@code minPosition} is answered once the
 * projection has processed everything up to it (read-your-writes).
 */
@Component
public class ProjectionPositions {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Duration maxWait;

    public ProjectionPositions(EventProcessingConfiguration processing, EventStore eventStore,
                               @Value("${kat.projections.max-wait-ms:5000}") long maxWaitMs) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.maxWait = Duration.ofMillis(maxWaitMs);
    }

    public StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("no projection " + name));
    }

    /**
     * Every event at or below the returned position has been processed: across the segments, the
     * lowest of (token index, or just below the token's oldest gap). -1 before anything is processed.
     */
    public long processedThrough(String name) {
        Map<Integer, EventTrackerStatus> status = processor(name).processingStatus();
        if (status.isEmpty()) {
            return -1;
        }
        long through = Long.MAX_VALUE;
        for (EventTrackerStatus s : status.values()) {
            TrackingToken t = s.getTrackingToken();
            if (t == null || s.isErrorState()) {
                return -1;
            }
            through = Math.min(through, processedThrough(t));
        }
        return through;
    }

    static long processedThrough(TrackingToken token) {
        TrackingToken t = WrappedToken.unwrapLowerBound(token);
        if (t instanceof GapAwareTrackingToken g) {
            return g.getGaps().isEmpty() ? g.getIndex() : g.getGaps().first() - 1;
        }
        return t == null ? -1 : t.position().orElse(-1);
    }

    /** The position of the newest event in the store (either mode), -1 when it is empty. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** Waits (bounded) until the projection has processed minPosition; false if it has not by then. */
    public boolean awaitProcessed(String name, Long minPosition) {
        if (minPosition == null) {
            return true;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (processedThrough(name) < minPosition) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(2_000_000); // polls the in-memory processor status every 2 ms
        }
        return true;
    }

    public Map<String, Object> status(String name) {
        StreamingEventProcessor p = processor(name);
        Map<String, Object> m = new LinkedHashMap<>();
        long head = head();
        long through = processedThrough(name);
        m.put("name", name);
        m.put("running", p.isRunning());
        m.put("replaying", p.isReplaying());
        m.put("processedThrough", through);
        m.put("head", head);
        m.put("behind", head < 0 ? 0 : Math.max(0, head - through));
        m.put("progressPercent", head <= 0 ? 100 : Math.min(100, Math.max(0, (through + 1) * 100 / (head + 1))));
        m.put("segments", p.processingStatus().size());
        return m;
    }
}
