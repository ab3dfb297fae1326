package com.polaris.kat.eventstore.position;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each streaming event processor advances through the events that wait for it, cluster-wide, from readings taken
 * on a period: the position its segments have reached (the token table, or this instance's memory for a segment it
 * processes) against the event store's head. A processor that is behind the head and has not moved for {@code bound} does
 * not advance, whatever the cause: no thread left, a failure it retries for ever, or an event the store's shared reader
 * cannot read (Axon's {@code EmbeddedEventStore} logs that failure and tries again, and every processor tailing the store
 * then waits with no error of its own: a fresh reviewer saw every processor of both services stop over one unreadable
 * row, health UP, 2026-12-05). One rule for both
 * services' health and gauges ({@code projectionProgress} and {@code processorProgress}). Thread-safe.
 */
public final class ProgressWatch {

    /**
     * A processor behind the head that has not advanced for at least the bound.
     *
     * @param through the global index it has processed through (-1: nothing)
     * @param head    the event store's head (its highest global index)
     * @param since   the first reading (UTC) at which it stood at {@code through}, behind
     */
    public record NotAdvancing(long through, long head, Instant since) {
        /** Events waiting for it. */
        public long behind() {
            return head - through;
        }

        /** What a health contributor shows of it: {@code processedThrough}, {@code head}, {@code behind}, {@code notAdvancingSince}. */
        public Map<String, Object> details() {
            Map<String, Object> d = new java.util.LinkedHashMap<>();
            d.put("processedThrough", through);
            d.put("head", head);
            d.put("behind", behind());
            d.put("notAdvancingSince", since.toString());
            return d;
        }
    }

    private record Seen(long through, long head, Instant since) {
    }

    /** What a reading changed: nothing to say, the processor has just stopped advancing (the bound passed), or it advances again. */
    public enum Change { NONE, STOPPED_ADVANCING, ADVANCES_AGAIN }

    private final Duration bound;
    private final Map<String, Seen> behind = new ConcurrentHashMap<>();
    private final java.util.Set<String> stopped = ConcurrentHashMap.newKeySet();

    /**
     * @param bound how long a processor may stay behind without advancing before it counts as not advancing, counted from
     *              this watch's first reading at that position (so per instance: one started during a stall reports it a
     *              bound later)
     */
    public ProgressWatch(Duration bound) {
        this.bound = bound;
    }

    /**
     * Records one reading of a processor.
     *
     * @param through the global index it has processed through (-1: nothing)
     * @param head    the event store's head (-1: empty)
     * @param at      when the reading was taken (UTC)
     * @return whether it has just stopped advancing or advances again after it had (each said once, for the log)
     */
    public Change observe(String processor, long through, long head, Instant at) {
        if (head <= through) {
            behind.remove(processor);
        } else {
            behind.compute(processor, (k, seen) -> seen != null && seen.through() == through ? new Seen(through, head, seen.since())
                    : new Seen(through, head, at));
        }
        boolean stuck = notAdvancing(processor, at).isPresent();
        return stuck && stopped.add(processor) ? Change.STOPPED_ADVANCING : !stuck && stopped.remove(processor) ? Change.ADVANCES_AGAIN : Change.NONE;
    }

    /** Each of these processors that does not advance as of {@code now}, with its {@link NotAdvancing#details()}, in their order. */
    public Map<String, Object> notAdvancing(Iterable<String> processors, Instant now) {
        Map<String, Object> stuck = new java.util.LinkedHashMap<>();
        for (String name : processors) {
            notAdvancing(name, now).ifPresent(n -> stuck.put(name, n.details()));
        }
        return stuck;
    }

    /** Forgets what was read of a processor (its readings stopped: no longer known either way). */
    public void forget(String processor) {
        behind.remove(processor);
    }

    /** The processor, if it has been behind without advancing for at least the bound as of {@code now}. */
    public Optional<NotAdvancing> notAdvancing(String processor, Instant now) {
        Seen s = behind.get(processor);
        return s == null || Duration.between(s.since(), now).compareTo(bound) < 0 ? Optional.empty()
                : Optional.of(new NotAdvancing(s.through(), s.head(), s.since()));
    }

    /** Seconds the processor has stood behind without advancing, as of {@code now}; 0 when it advanced or is caught up. */
    public double secondsNotAdvancing(String processor, Instant now) {
        Seen s = behind.get(processor);
        return s == null ? 0 : Math.max(0, Duration.between(s.since(), now).toMillis() / 1000.0);
    }

    /**
     * The global index a token says its segment has processed through: a gap-aware token's index (the highest seen, gaps
     * below it being events rolled back or still in flight), another token's position; -1 for none.
     */
    public static long reached(TrackingToken token) {
        TrackingToken t = WrappedToken.unwrapLowerBound(token);
        if (t instanceof GapAwareTrackingToken g) {
            return g.getIndex();
        }
        return t == null ? -1 : t.position().orElse(-1);
    }

    /**
     * Where a processor stands in the cluster: the lowest over its segments in the token table of the position each has
     * reached, by this instance's in-memory status for a segment it processes and is not in error on (fresher than the
     * stored token, which is written once a batch), by the stored token otherwise (a segment another instance or none
     * holds, or one in error here, whose retry resumes there).
     *
     * @param stored segment id → the token stored in the token table (null: none yet); must not be empty
     * @param here   segment id → this instance's status of the segments it processes (Axon's {@code processingStatus()})
     * @return the global index, -1 when nothing was processed
     */
    public static long through(Map<Integer, TrackingToken> stored, Map<Integer, EventTrackerStatus> here) {
        long through = Long.MAX_VALUE;
        for (Map.Entry<Integer, TrackingToken> row : stored.entrySet()) {
            EventTrackerStatus held = here.get(row.getKey());
            TrackingToken token = held != null && !held.isErrorState() && held.getTrackingToken() != null ? held.getTrackingToken() : row.getValue();
            through = Math.min(through, reached(token));
        }
        return through == Long.MAX_VALUE ? -1 : through;
    }
}
