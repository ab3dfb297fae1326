package com.polaris.kat.eventstore.cache;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cuts the link from each event that left Axon's recent-event cache to the event after it, so that the
 * cache's events die young instead of being carried into the old generation one after another.
 * <p>
 * {@link EmbeddedEventStore} keeps its recent events as a linked list and trims it by moving its head
 * ({@code oldest}) forward; a trimmed node still points at the next one. Once one node sits in the old
 * generation (every node the cache holds during a full collection does), it keeps its successor alive
 * through every young collection until that one is promoted too, and so on: with the 160 MiB SerialGC heap
 * about 1 MiB of events was promoted per young collection of the projection service at 100 registrations/s,
 * and a 115-190 ms full collection followed about once a minute (heap histograms: 18,000 dead cache nodes,
 * 64 MiB of garbage, of which the events' bytes 33 MiB; GC age logs: tenuring threshold down to 3).
 * Axon's maintainers know the cache as hard to follow (AxonFramework issues 2954, 3135) and dropped it in
 * Axon 5; this class is the smallest fix for Axon 4.13.
 * <p>
 * Every {@code periodMillis} it walks from the node it reached last time to the current head, setting each
 * passed node's {@code next} to null (Axon's private fields, by reflection; when they are not found, as after
 * an Axon upgrade that changed them, it logs a warning once and does nothing). Safe for readers: a reader
 * whose last node was trimmed is behind the cache, finds no next node, and on its next read switches to
 * its own stream from the store at its token (Axon's {@code behindGlobalCache}); none skips an event
 * ({@code RecentEventCacheTest}).
 */
public final class RecentEventCacheUnlinker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecentEventCacheUnlinker.class);
    /** How often the services unlink: well under a young collection's interval under load (about 1.3 s at 100 registrations/s). */
    public static final long DEFAULT_PERIOD_MILLIS = 250;

    private final EmbeddedEventStore store;
    private final Field oldest;
    private final Field next;
    private final ScheduledExecutorService timer;
    private Object reached;

    private RecentEventCacheUnlinker(EmbeddedEventStore store, Field oldest, Field next, long periodMillis) {
        this.store = store;
        this.oldest = oldest;
        this.next = next;
        if (oldest == null) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "recent-event-cache-unlinker");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::unlinkTrimmed, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts unlinking the trimmed nodes of {@code store} every {@code periodMillis} milliseconds.
     *
     * @return the running unlinker (close it with the store); one that does nothing when this Axon version's
     *         {@link EmbeddedEventStore} does not have the fields it works on (a warning is logged)
     */
    public static RecentEventCacheUnlinker start(EmbeddedEventStore store, long periodMillis) {
        try {
            Field oldest = EmbeddedEventStore.class.getDeclaredField("oldest");
            Class<?> node = oldest.getType();
            Field next = node.getDeclaredField("next");
            if (next.getType() != node) {
                throw new NoSuchFieldException("next is not a " + node.getName());
            }
            oldest.setAccessible(true);
            next.setAccessible(true);
            return new RecentEventCacheUnlinker(store, oldest, next, periodMillis);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Axon's EmbeddedEventStore has changed ({}): its recent-event cache's trimmed events are not unlinked, "
                    + "which costs more old-generation collections, not correctness", e.toString());
            return new RecentEventCacheUnlinker(store, null, null, periodMillis);
        }
    }

    /**
     * One pass: cuts {@code next} of every node from the one reached last time up to (not including) the
     * cache's current head. Runs on the unlinker's thread; visible for tests.
     *
     * @return how many nodes were unlinked
     */
    public synchronized int unlinkTrimmed() {
        if (oldest == null) {
            return 0;
        }
        try {
            Object head = oldest.get(store);
            if (head == null) {
                return 0;
            }
            int unlinked = 0;
            Object node = reached;
            while (node != null && node != head) {
                Object following = next.get(node);
                next.set(node, null);
                unlinked++;
                node = following;
            }
            reached = head;
            return unlinked;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
