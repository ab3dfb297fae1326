package com.polaris.kat.enrollment.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import com.polaris.kat.eventstore.axonserver.AxonServerFailures;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregates are kept in memory between commands (Axon's caching repository over Caffeine), so a
 * command no longer replays its stream from the store each time: the cost of loading stays flat
 * as history grows (issue 12). Correct with several instances: a stale cached aggregate (another
 * instance appended to its stream since) is never decided on, neither a seat sold nor a refusal
 * given from old state, and the check costs a store read only where the store cannot make it:
 * <ul>
 *   <li>a command that appends to the cached aggregate's stream: the store's unique (aggregate,
 *       sequence) index refuses the append when another writer got there first; Axon evicts the
 *       entry on the rollback and the command is retried as a write conflict (no read);</li>
 *   <li>a command that ends without appending to it (a refusal, a repeat, a no-op): before its
 *       outcome stands, the stream's last sequence number is read ({@link #verifyCachedAggregates},
 *       from {@code CommandTransaction} for a refusal, before the commit for a success); if it moved,
 *       the entry is dropped and the command is retried as a write conflict, on the stream as stored;</li>
 *   <li>an aggregate evicted in the last 10 s (a rollback, a write conflict, a stale entry: another instance is
 *       writing to it), and anything that loads one outside a command (a deadline): read before use, as a failed
 *       append would cost a whole command and a retry where the read costs one indexed query.</li>
 * </ul>
 * Before, every command read the last sequence number of every cached aggregate it loaded (issue 12's
 * profile: one of a registration's eight round trips).
 * <p>
 * Each aggregate type has its own cache (bean names as used in {@code @Aggregate(cache = …)}):
 * series, registrations, credit accounts and clinicians' live sessions at most {@code kat.aggregate-cache.max-entries} (default 5,000) each;
 * class days, class-day slots and course modules at most {@code kat.aggregate-cache.class-day-max-entries}
 * (default 500) each (no registration loads them; the benchmark's heap held 5,000 of each, the cap, in a full old
 * generation); every entry is dropped after {@code kat.aggregate-cache.idle-minutes} (default 30) unused.
 */
@Configuration
public class AggregateCaching {

    private final EventStore eventStore;
    private final long maxEntries;
    private final long classDayMaxEntries;
    private final Duration idle;

    /** Stale cached aggregates found (each turned a command into a retry), as metric {@code kat.aggregate.cache.stale}. */
    private static final java.util.concurrent.atomic.AtomicLong STALE_FOUND = new java.util.concurrent.atomic.AtomicLong();

    public AggregateCaching(EventStore eventStore, @Value("${kat.aggregate-cache.max-entries:5000}") long maxEntries,
                            @Value("${kat.aggregate-cache.class-day-max-entries:500}") long classDayMaxEntries,
                            @Value("${kat.aggregate-cache.idle-minutes:30}") long idleMinutes,
                            io.micrometer.core.instrument.MeterRegistry meters) {
        io.micrometer.core.instrument.FunctionCounter.builder("kat.aggregate.cache.stale", STALE_FOUND, java.util.concurrent.atomic.AtomicLong::doubleValue)
                .description("Cached aggregates found stale (another writer appended since) before a command's outcome stood; each command was retried")
                .register(meters);
        this.eventStore = eventStore;
        this.maxEntries = maxEntries;
        this.classDayMaxEntries = classDayMaxEntries;
        this.idle = Duration.ofMinutes(idleMinutes);
    }

    /**
     * A new cache for one aggregate type. Caffeine's upkeep (eviction, expiry) runs on the thread that wrote, not
     * handed to the common fork-join pool: the hand-off woke a pool thread for nearly every new registration
     * (issue 12's profile: 2-3 % of the service's CPU), for work of a few microseconds.
     */
    public Cache newCache() {
        return newCache(maxEntries);
    }

    /** {@link #newCache()} holding at most {@code entries} aggregates. */
    public Cache newCache(long entries) {
        return new VerifiedCache(new CaffeineCache(Caffeine.newBuilder().maximumSize(entries).expireAfterAccess(idle)
                .executor(Runnable::run).build()),
                id -> eventStore.lastSequenceNumberFor(id));
    }

    /** Unit-of-work resource (root): the cached aggregates a command decided on, id to version and cache. */
    private static final String TAKEN = AggregateCaching.class.getName() + ".taken";
    private record Taken(Long version, VerifiedCache cache, LastSequence lastSequence) {
    }

    /**
     * The version of the aggregate as this unit of work holds it (with the events it applied), from Axon's
     * repositories' map of the aggregates they manage in the unit of work (a root resource holding
     * {@code Map<String, Aggregate>}); null when none holds it. {@code AggregateCachingTest} fails if Axon keeps
     * them elsewhere (every append would then be checked by a read, and a fresh aggregate never taken for stale).
     */
    private static Long liveVersion(UnitOfWork<?> root, String aggregateId) {
        for (Object resource : root.resources().values()) {
            if (resource instanceof Map<?, ?> managed && managed.get(aggregateId) instanceof Aggregate<?> aggregate) {
                return aggregate.version();
            }
        }
        return null;
    }

    /**
     * Checks, against the store, every cached aggregate the current command decided on without applying an
     * event to it (one applied: the append checks it). A stale one is dropped from its cache and the command fails with Axon's
     * {@link ConcurrencyException}, which the command bus retries as a write conflict (so the retry reads the
     * stream as stored). Nothing to check outside a unit of work.
     *
     * @throws ConcurrencyException when another writer appended to such a stream since it was cached
     */
    public static void verifyCachedAggregates() {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Taken> taken = root.getResource(TAKEN);
        if (taken == null || taken.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Taken> t : List.copyOf(taken.entrySet())) {
            Long live = liveVersion(root, t.getKey());
            if (live != null && t.getValue().version() != null && live > t.getValue().version()) {
                taken.remove(t.getKey());
                continue; // events staged for it: the store's unique (aggregate, sequence) index checks this one at the append
            }
            Long stored = t.getValue().lastSequence().of(t.getKey()).orElse(null);
            taken.remove(t.getKey());
            if (!Objects.equals(stored, t.getValue().version())) {
                t.getValue().cache().remove(t.getKey());
                STALE_FOUND.incrementAndGet();
                throw new ConcurrencyException(AxonServerFailures.STALE_CACHED_AGGREGATE + ": the cached aggregate " + t.getKey() + " was at sequence " + t.getValue().version()
                        + " but its stream is at " + stored + ": another writer appended first; retried on the stream as stored");
            }
        }
    }

    @Bean
    public Cache seriesCache() {
        return newCache();
    }

    @Bean
    public Cache registrationCache() {
        return newCache();
    }

    @Bean
    public Cache classDayCache() {
        return newCache(classDayMaxEntries);
    }

    @Bean
    public Cache classDaySlotCache() {
        return newCache(classDayMaxEntries);
    }

    @Bean
    public Cache courseModuleCache() {
        return newCache(classDayMaxEntries);
    }

    @Bean
    public Cache creditAccountCache() {
        return newCache();
    }

    @Bean
    public Cache liveSessionsCache() {
        return newCache();
    }

    /** Axon's cache contract over a Caffeine cache. */
    static final class CaffeineCache implements Cache {
        private final com.github.benmanes.caffeine.cache.Cache<Object, Object> caffeine;

        CaffeineCache(com.github.benmanes.caffeine.cache.Cache<Object, Object> caffeine) {
            this.caffeine = caffeine;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V> V get(K key) {
            return (V) caffeine.getIfPresent(key);
        }

        @Override
        public void put(Object key, Object value) {
            caffeine.put(key, value);
        }

        @Override
        public boolean putIfAbsent(Object key, Object value) {
            return caffeine.asMap().putIfAbsent(key, value) == null;
        }

        @Override
        public boolean remove(Object key) {
            return caffeine.asMap().remove(key) != null;
        }

        @Override
        public void removeAll() {
            caffeine.invalidateAll();
        }

        @Override
        public boolean containsKey(Object key) {
            return caffeine.asMap().containsKey(key);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> void computeIfPresent(Object key, java.util.function.UnaryOperator<V> update) {
            caffeine.asMap().computeIfPresent(key, (k, v) -> update.apply((V) v));
        }

        @Override
        public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
            throw new UnsupportedOperationException("no entry listeners: nothing in this service listens to its aggregate caches");
        }
    }

    /** The store's last sequence number of a stream (empty when it has none). */
    interface LastSequence {
        Optional<Long> of(String aggregateId);
    }

    /**
     * A cache whose aggregate entries are never decided on when stale. Inside a command's unit of work an
     * entry of an aggregate not evicted in the last 10 s is returned at once and noted, to be checked by {@link #verifyCachedAggregates} unless the command
     * appends to its stream (before the commit: registered here, so no success escapes the check; on a
     * refusal: by {@code CommandTransaction}). Anywhere else, and for an aggregate evicted in the last 10 s (a
     * rollback, a conflict: another instance is writing to it), the store's last sequence number is read first
     * and a stale entry is removed and reported as absent, so the repository reads the stream.
     */
    static final class VerifiedCache implements Cache {
        private static final Field VERSION = versionField();

        /** How long after an eviction an aggregate's cached entries are checked before use, not after (nanoseconds). */
        static final long CONTENDED_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

        private final Cache delegate;
        private final LastSequence lastSequence;
        /** When each recently evicted aggregate was evicted (System.nanoTime): a rollback, a conflict, a stale entry. */
        private final Map<Object, Long> evictedAt = new java.util.concurrent.ConcurrentHashMap<>();

        VerifiedCache(Cache delegate, LastSequence lastSequence) {
            this.delegate = delegate;
            this.lastSequence = lastSequence;
        }

        @Override
        public <K, V> V get(K key) {
            V value = delegate.get(key);
            if (!(value instanceof AggregateCacheEntry<?> entry)) {
                return value;
            }
            if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().getMessage() instanceof CommandMessage<?>
                    && !contended(key)) {
                UnitOfWork<?> root = CurrentUnitOfWork.get().root();
                Map<String, Taken> taken = root.getResource(TAKEN);
                if (taken == null) {
                    taken = new java.util.HashMap<>();
                    root.resources().put(TAKEN, taken);
                    root.onPrepareCommit(u -> verifyCachedAggregates());
                }
                taken.putIfAbsent(key.toString(), new Taken(version(entry), this, lastSequence));
                return value;
            }
            if (!Objects.equals(version(entry), lastSequence.of(key.toString()).orElse(null))) {
                remove(key);
                return null;
            }
            return value;
        }

        /**
         * Whether the aggregate was evicted within {@link #CONTENDED_NANOS}: a write conflict or a stale entry (another
         * instance writes to it) or a rollback. Its entries are then checked before use, as a failed append would cost a
         * whole command and a retry (the two-instance sell-out race: every command of the instance that lost the last
         * sale would fail once), where the check costs one indexed read.
         */
        private boolean contended(Object key) {
            Long at = evictedAt.get(key);
            if (at == null) {
                return false;
            }
            if (System.nanoTime() - at < CONTENDED_NANOS) {
                return true;
            }
            evictedAt.remove(key, at);
            return false;
        }

        private static Long version(AggregateCacheEntry<?> entry) {
            try {
                return (Long) VERSION.get(entry);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Axon 4.13's AggregateCacheEntry keeps the cached aggregate's version in a private field; AggregateCachingTest fails if that changes. */
        private static Field versionField() {
            try {
                Field f = AggregateCacheEntry.class.getDeclaredField("version");
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("Axon's AggregateCacheEntry has no 'version' field any more: adapt VerifiedCache", e);
            }
        }

        @Override
        public void put(Object key, Object value) {
            delegate.put(key, value);
        }

        @Override
        public boolean putIfAbsent(Object key, Object value) {
            return delegate.putIfAbsent(key, value);
        }

        @Override
        public boolean remove(Object key) {
            if (evictedAt.size() > 10_000) {
                evictedAt.clear(); // only decides when to check first: forgetting costs a failed append at most
            }
            evictedAt.put(key, System.nanoTime());
            return delegate.remove(key);
        }

        @Override
        public void removeAll() {
            delegate.removeAll();
        }

        @Override
        public boolean containsKey(Object key) {
            return delegate.containsKey(key);
        }

        @Override
        public <V> void computeIfPresent(Object key, java.util.function.UnaryOperator<V> update) {
            delegate.computeIfPresent(key, update);
        }

        @Override
        public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
            return delegate.registerCacheEntryListener(cacheEntryListener);
        }
    }
}
