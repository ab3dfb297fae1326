package com.polaris.kat.projection.streaming;

import com.polaris.kat.eventstore.axonserver.AxonServerFailures;
import com.polaris.kat.eventstore.axonserver.AxonServerUnavailable;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final int maxWaitingReads;
    private final PositionWaits waits = new PositionWaits(Duration.ofMillis(1));
    private final ProjectionTokens stored;
    private final org.axonframework.eventsourcing.eventstore.EventStorageEngine storageEngine;
    /** Per projection: a stored token, and the highest position up to which the events after it hold nothing the projection handles. */
    private final Map<String, Skipped> skipped = new java.util.concurrent.ConcurrentHashMap<>();

    private record Skipped(TrackingToken from, long through, long checkedAt) {
    }
    /** The token table's rows of each projection as last read, and when (System.nanoTime), for {@link #reached}. */
    private final Map<String, StoredSegments> storedSegments = new java.util.concurrent.ConcurrentHashMap<>();

    /** A projection's segments in the token table: each segment's stored token (null before its first event), read at {@code readAt}. */
    private record StoredSegments(Map<Integer, TrackingToken> tokens, long readAt) {
    }

    /** How old a read of the token table may be when a wait asks again whether a segment held elsewhere is through. */
    private static final long STORED_TOKENS_MAX_AGE_NANOS = Duration.ofMillis(10).toNanos();
    /** How old the list of a projection's segments may be when every segment is held here (they change only when split or merged). */
    private static final long SEGMENT_LIST_MAX_AGE_NANOS = Duration.ofSeconds(5).toNanos();
    /** Projections whose processor is being restarted to retry at once ({@link #restartingToRetry}), with what was failing. */
    private final Map<String, Retrying> restarting = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param maxWaitMs       how long a read waits for its {@code minPosition} (milliseconds)
     * @param maxWaitingReads how many reads may wait at once; a read beyond them is answered as one whose wait ran out
     *                        (a waiting read holds one of the server's request threads, 200 by default: without a bound,
     *                        200 reads waiting for a position nobody will write held every thread for 5 s and a plain
     *                        read took 2.9 s, a fresh reviewer's burst)
     */
    public ProjectionPositions(EventProcessingConfiguration processing, EventStore eventStore,
                               @Value("${kat.projections.max-wait-ms:5000}") long maxWaitMs,
                               @Value("${kat.projections.max-waiting-reads:150}") int maxWaitingReads,
                               io.micrometer.core.instrument.MeterRegistry meters) {
        this(processing, eventStore, maxWaitMs, maxWaitingReads, meters, null, null);
    }

    /**
     * @param stored the projections' stored tokens, for the segments another instance holds ({@link #reached}); null: the
     *               in-memory status only (tests of one instance)
     * @param storageEngine the event store's storage engine (PostgreSQL mode), from which a segment held elsewhere is found
     *                      to have nothing to handle between its stored token and a read's position ({@link #reached});
     *                      null (Axon Server mode): the stored token alone
     */
    @org.springframework.beans.factory.annotation.Autowired
    public ProjectionPositions(EventProcessingConfiguration processing, EventStore eventStore,
                               @Value("${kat.projections.max-wait-ms:5000}") long maxWaitMs,
                               @Value("${kat.projections.max-waiting-reads:150}") int maxWaitingReads,
                               io.micrometer.core.instrument.MeterRegistry meters, ProjectionTokens stored,
                               @org.springframework.lang.Nullable org.axonframework.eventsourcing.eventstore.EventStorageEngine storageEngine) {
        this.stored = stored;
        this.storageEngine = storageEngine;
        this.processing = processing;
        this.eventStore = eventStore;
        this.maxWait = Duration.ofMillis(maxWaitMs);
        this.maxWaitingReads = maxWaitingReads;
        io.micrometer.core.instrument.Gauge.builder("kat.projection.reads.waiting", waits, PositionWaits::waiting)
                .description("reads waiting for their minPosition to be processed (at most kat.projections.max-waiting-reads)")
                .register(meters);
    }

    /** Reads waiting now for their {@code minPosition} (metric {@code kat.projection.reads.waiting}). */
    public int waitingReads() {
        return waits.waiting();
    }

    public StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("no projection " + name));
    }

    /**
     * The highest position each segment of the projection has reached (the lowest across segments);
     * -1 before anything is processed or while a segment is in error. Positions below it that the
     * token still lists as gaps were rolled back, or are commits still in flight (a write conflict
     * between instances leaves such a gap for good; the token forgets it after the gap timeout).
     */
    public long processedThrough(String name) {
        return tokens(name).stream().mapToLong(ProjectionPositions::reached).min().orElse(-1);
    }

    /** Each segment's token; none when a segment has no token yet or is in error. */
    private List<TrackingToken> tokens(String name) {
        List<TrackingToken> tokens = new ArrayList<>();
        for (EventTrackerStatus s : processor(name).processingStatus().values()) {
            if (s.getTrackingToken() == null || s.isErrorState()) {
                return List.of();
            }
            tokens.add(s.getTrackingToken());
        }
        return tokens;
    }

    static long reached(TrackingToken token) {
        return com.polaris.kat.eventstore.position.ProgressWatch.reached(token);
    }

    /**
     * Whether a segment's token says the event at this global index has been processed (it is not behind, nor a gap);
     * false for no token.
     */
    public static boolean covers(TrackingToken token, long position) {
        TrackingToken t = WrappedToken.unwrapLowerBound(token);
        if (t instanceof GapAwareTrackingToken g) {
            return g.getIndex() >= position && !g.getGaps().contains(position);
        }
        return t != null && t.position().orElse(-1) >= position;
    }

    /**
     * Whether each of these projections has processed the event at {@code position} (a global index) on this instance, from
     * the in-memory status of the segments its processor holds here (each processor has one segment): no database read.
     * False when a processor holds no segment here (another instance holds the claim) or one is in error.
     */
    public boolean processed(java.util.Collection<String> names, long position) {
        for (String name : names) {
            if (!covers(name, position)) {
                return false;
            }
        }
        return true;
    }

    boolean covers(String name, long position) {
        List<TrackingToken> tokens = tokens(name);
        return !tokens.isEmpty() && tokens.stream().allMatch(t -> covers(t, position));
    }

    /**
     * Whether every segment of the projection has processed the event at {@code position}, whichever instance holds it: a
     * segment held here by its in-memory status, one held by another instance (or by none) by the token it stored in the
     * shared token table, which it commits with its rows, so a snapshot begun afterwards holds them, or by finding that the
     * events after that token hold nothing the projection handles ({@link #handlesNothingAfter}). A read on an instance
     * that stands by (another holds the claim) had waited for its own idle processor and answered {@code 503
     * projection-behind}; with segments split across instances, one that held some segments had answered for all of them.
     * The token table is read at most every 10 ms per projection while reads wait (on the waits' thread), and when every
     * segment is held here only to list the segments, every 5 s. False while a segment held here is in error.
     */
    boolean reached(String name, long position) {
        Map<Integer, EventTrackerStatus> here = processor(name).processingStatus();
        if (stored == null) {
            return covers(name, position);
        }
        StoredSegments table = storedSegments(name, here.isEmpty() ? STORED_TOKENS_MAX_AGE_NANOS : SEGMENT_LIST_MAX_AGE_NANOS);
        if (!here.isEmpty() && here.keySet().containsAll(table.tokens().keySet())) {
            return covers(name, position); // every segment held here: the in-memory status, no database read
        }
        table = storedSegments(name, STORED_TOKENS_MAX_AGE_NANOS);
        if (table.tokens().isEmpty()) {
            return false; // never started anywhere
        }
        for (Map.Entry<Integer, TrackingToken> segment : table.tokens().entrySet()) {
            EventTrackerStatus held = here.get(segment.getKey());
            if (held != null && held.isErrorState()) {
                return false;
            }
            TrackingToken token = held != null && held.getTrackingToken() != null ? held.getTrackingToken() : segment.getValue();
            if (!covers(token, position) && (held != null || !handlesNothingAfter(name, token, position))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the events after a stored token, up to {@code position}, hold none the projection's handlers take (so the
     * projection's view is what it would be once its token reaches it): a processor that handles none of them stores that
     * token only with its next idle claim extension, within a second (CompareAndSetTokenStore), which a read on an
     * instance that does not hold it would otherwise wait for (0.6–1.0 s in ReadYourWritesInAClusterTest). Read from the
     * storage engine, at most 1,000 events; a type this build does not know counts as handled. A negative answer is kept
     * 10 ms, a positive one while the stored token is the same.
     */
    private boolean handlesNothingAfter(String name, TrackingToken from, long position) {
        if (storageEngine == null || from == null || !(WrappedToken.unwrapLowerBound(from) instanceof GapAwareTrackingToken)
                || WrappedToken.unwrapLowerBound(from) != from
                || !(processor(name) instanceof org.axonframework.eventhandling.AbstractEventProcessor processor)) {
            return false;
        }
        long now = System.nanoTime();
        Skipped last = skipped.get(name);
        if (last != null && last.from().equals(from)) {
            if (last.through() >= position) {
                return true;
            }
            if (now - last.checkedAt() < STORED_TOKENS_MAX_AGE_NANOS) {
                return false;
            }
        }
        TrackingToken reachedTo = from;
        long through = -1;
        try (java.util.stream.Stream<? extends org.axonframework.eventhandling.TrackedEventMessage<?>> events = storageEngine.readEvents(from, false)) {
            java.util.Iterator<? extends org.axonframework.eventhandling.TrackedEventMessage<?>> it = events.iterator();
            for (int n = 0; n < 1_000 && it.hasNext(); n++) {
                org.axonframework.eventhandling.TrackedEventMessage<?> e = it.next();
                if (reached(e.trackingToken()) > position && covers(reachedTo, position)) {
                    break;
                }
                if (processor.eventHandlerInvoker().canHandleType(e.getPayloadType())) {
                    break; // handled (an unknown type too: the projections report it): the view waits for it
                }
                reachedTo = e.trackingToken();
                through = Math.max(through, reached(reachedTo));
            }
        }
        boolean nothing = covers(reachedTo, position);
        skipped.put(name, new Skipped(from, nothing ? Math.max(position, through) : -1, now));
        return nothing;
    }

    private StoredSegments storedSegments(String name, long maxAgeNanos) {
        long now = System.nanoTime();
        StoredSegments last = storedSegments.get(name);
        if (last != null && now - last.readAt() < maxAgeNanos) {
            return last;
        }
        Map<Integer, TrackingToken> tokens = new java.util.TreeMap<>();
        for (ProjectionTokens.Segment s : stored.segments(name)) {
            tokens.put(s.segment(), s.token());
        }
        StoredSegments read = new StoredSegments(tokens, now);
        storedSegments.put(name, read);
        return read;
    }

    /**
     * The store's head position (-1 when empty).
     *
     * @throws AxonServerUnavailable in Axon Server mode while Axon Server cannot be reached (503 axon-server-unavailable)
     */
    public long head() {
        TrackingToken head;
        try {
            head = eventStore.createHeadToken();
        } catch (RuntimeException e) {
            if (AxonServerFailures.isOutage(e)) {
                throw new AxonServerUnavailable(e);
            }
            throw e;
        }
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** How a read's wait for its {@code minPosition} ended. */
    public enum Wait {
        /** the projection has processed the position (or none was asked for) */
        PROCESSED,
        /** not processed within {@code kat.projections.max-wait-ms} */
        TIMED_OUT,
        /** not processed yet, and not kept waiting: {@code kat.projections.max-waiting-reads} reads wait already */
        NOT_KEPT_WAITING
    }

    /**
     * Waits (bounded by {@code kat.projections.max-wait-ms}) until the projection has processed {@code minPosition}, and
     * says how the wait ended: at once when it is processed already, or when {@code kat.projections.max-waiting-reads} reads
     * wait already and it is not (NOT_KEPT_WAITING).
     */
    public Wait await(String name, Long minPosition) {
        if (minPosition == null) {
            return Wait.PROCESSED;
        }
        java.util.function.BooleanSupplier done = () -> reached(name, minPosition);
        if (waits.waiting() >= maxWaitingReads) {
            return done.getAsBoolean() ? Wait.PROCESSED : Wait.NOT_KEPT_WAITING;
        }
        return within(done) ? Wait.PROCESSED : Wait.TIMED_OUT;
    }

    /** The most reads that wait at once ({@code kat.projections.max-waiting-reads}). */
    public int maxWaitingReads() {
        return maxWaitingReads;
    }

    /**
     * Waits until {@code done} (a check of the in-memory processor status), at most {@code maxWait}; whether it was done.
     * The check runs every millisecond on {@link PositionWaits}' thread, not on the waiting request's.
     */
    private boolean within(java.util.function.BooleanSupplier done) {
        return waits.await(done, maxWait);
    }

    /** Stops the waits' thread with the service. */
    @jakarta.annotation.PreDestroy
    void stopWaits() {
        waits.close();
    }

    /**
     * Waits (bounded by the same wait as {@link #await}) until the projection's processor, just started,
     * processes {@code segments} segments here again: its status then tells whether it replays and how far it got,
     * where right after the start it showed no segment and no replay (a fresh reviewer's finding on the rebuild's 202).
     *
     * @return whether it did within the wait
     */
    public boolean awaitSegments(String name, int segments) {
        StreamingEventProcessor p = processor(name);
        return within(() -> p.processingStatus().size() >= segments);
    }

    /**
     * Where a projection's processor stands on this instance.
     *
     * @param name             the projection
     * @param running          its processor runs here
     * @param replaying        it is replaying (a rebuild or first start)
     * @param retrying         a segment failed (e.g. the database went away) and its processor waits to retry it (Axon's
     *                         wait: 1, 2, 4 … s, at most 60 s); null otherwise
     * @param processedThrough the global index it has processed through in the cluster (-1: nothing yet), the same on every
     *                         instance ({@link #processedThrough(String, java.util.function.Supplier)}); while retrying, as
     *                         its stored token says (where the retry resumes)
     * @param head             the event store's highest global index (-1: empty)
     * @param behind           events between processedThrough and head
     * @param progressPercent  processedThrough + 1 over head + 1, 0–100
     * @param segments         segments this instance processes
     */
    public record Progress(String name, boolean running, boolean replaying, Retrying retrying, long processedThrough, long head,
                           long behind, long progressPercent, int segments) {
    }

    /**
     * A projection waiting to retry after a failure.
     *
     * @param segments the segments in error on this instance
     * @param cause    the failure's type (its class name; the message is in the log)
     */
    public record Retrying(java.util.List<Integer> segments, String cause) {
    }

    /**
     * The global index the projection has processed through in the cluster, whichever instance holds its segments (-1:
     * nothing yet): the lowest over its segments in the token table of the position each has reached, by this instance's
     * in-memory status for a segment it holds and is not in error on, by the segment's stored token otherwise (held by
     * another instance or by none, or in error here: where the retry resumes). With no row in the token table (never
     * started anywhere), {@link #processedThrough(String)}. So every instance reports the same position, and a stand-by
     * instance the claim holder's: it had reported -1, the whole store behind, in its lag gauge and its admin status (the
     * 2026-12-06 session's finding, {@code ProgressInAClusterTest}); and a retrying processor its stored token, not -1 (a
     * fresh reviewer's finding: the lag gauge had reported the whole store as behind for some seconds after each outage).
     *
     * @param table the projection's rows in the token table (read once)
     */
    public long processedThrough(String name, java.util.function.Supplier<java.util.List<ProjectionTokens.Segment>> table) {
        java.util.List<ProjectionTokens.Segment> rows = table.get();
        if (rows.isEmpty()) {
            return processedThrough(name);
        }
        Map<Integer, TrackingToken> stored = new java.util.HashMap<>();
        rows.forEach(row -> stored.put(row.segment(), row.token()));
        return com.polaris.kat.eventstore.position.ProgressWatch.through(stored,
                restarting.containsKey(name) ? Map.of() : processor(name).processingStatus());
    }

    /**
     * Restarts a projection's processor that waits to retry (shut down, start, then wait as {@link #awaitSegments} for its
     * segments to be claimed again). Meanwhile its status stays "retrying" with the failure it had, running, and counted from
     * its stored tokens: the shut-down processor had read as {@code running: false} and, until it claimed its segments again,
     * as having processed nothing ({@code processedThrough: -1}, the whole store behind), a fresh reviewer's finding.
     *
     * @param name     the projection
     * @param retrying what {@link #retrying} said before the restart
     * @return whether the processor holds as many segments here as before within the wait
     */
    public boolean restartingToRetry(String name, Retrying retrying) {
        StreamingEventProcessor p = processor(name);
        int segments = Math.max(1, p.processingStatus().size());
        restarting.put(name, retrying);
        try {
            p.shutDown();
            p.start();
            return awaitSegments(name, segments);
        } finally {
            restarting.remove(name);
        }
    }

    /**
     * The segments of the projection in error on this instance and the first one's failure; null when none is. While its
     * processor is restarted to retry ({@link #restartingToRetry}), the failure it was restarted for.
     */
    public Retrying retrying(String name) {
        Retrying held = restarting.get(name);
        if (held != null) {
            return held;
        }
        List<Integer> failed = new ArrayList<>();
        String cause = null;
        for (EventTrackerStatus s : processor(name).processingStatus().values()) {
            if (s.isErrorState()) {
                failed.add(s.getSegment().getSegmentId());
                if (cause == null && s.getError() != null) {
                    cause = s.getError().getClass().getName();
                }
            }
        }
        return failed.isEmpty() ? null : new Retrying(failed, cause);
    }

    /**
     * Whether the projection still replays history, as its reads see it: a segment's stored token is a replay that has not
     * reached the history it had at the reset ({@link ProjectionTokens#replayTarget}, the reads' completeness rule). The
     * stored token never runs ahead of the processor's own, so this covers what the processor holds in memory too. Not
     * Axon's {@link StreamingEventProcessor#isReplaying}: that is false whenever a segment counts as caught up, which a
     * replay does each time it has consumed what the store's last fetch gave it (a rebuild of 7,758 events read
     * {@code replaying: false} at 1,030), and stays true for a caught-up replay token until a newer event arrives (the
     * console had said "rebuilding" then); and not the processor's memory alone, which a processor that skips most events
     * stores at most once a second (its reads answered 503 projection-rebuilding for up to 0.9 s after it read false).
     *
     * @param stored each segment's stored token
     */
    static boolean replaying(java.util.List<TrackingToken> stored) {
        return stored.stream().anyMatch(t -> ProjectionTokens.replayTarget(t).isPresent());
    }

    /**
     * {@link Progress} of a projection on this instance.
     *
     * @param table the projection's rows in the token table: whether it replays, and where each segment this instance does
     *              not process (or is in error on) stands ({@link #processedThrough(String, java.util.function.Supplier)})
     */
    public Progress status(String name, java.util.function.Supplier<java.util.List<ProjectionTokens.Segment>> table) {
        StreamingEventProcessor p = processor(name);
        long head = head();
        Retrying retrying = retrying(name);
        java.util.List<ProjectionTokens.Segment> rows = table.get();
        long through = processedThrough(name, () -> rows);
        return new Progress(name, p.isRunning() || restarting.containsKey(name), replaying(rows.stream().map(ProjectionTokens.Segment::token).toList()),
                retrying, through, head, head < 0 ? 0 : Math.max(0, head - through),
                head <= 0 ? 100 : Math.min(100, Math.max(0, (through + 1) * 100 / (head + 1))), p.processingStatus().size());
    }
}
