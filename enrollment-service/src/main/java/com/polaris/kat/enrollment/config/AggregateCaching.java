package com.polaris.kat.enrollment.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregates are kept in memory between commands (Axon's caching repository over Caffeine), so a
 * command no longer replays its stream from the store each time: the cost of loading stays flat
 * as history grows (issue 12). Correct with several instances: before a cached aggregate is
 * decided on, the store's last sequence number of its stream is read (one indexed query); when
 * another instance has appended since, the entry is dropped and the stream read again. A race
 * between that check and the append is still refused by the store's unique (aggregate, sequence)
 * index, and Axon evicts the entry on the rollback before the command is retried. So a stale
 * aggregate is never decided on: neither a seat sold nor a refusal given from old state.
 * <p>
 * Each aggregate type has its own cache (bean names as used in {@code @Aggregate(cache = …)}):
 * at most {@code kat.aggregate-cache.max-entries} (default 20,000) aggregates each, dropped after
 * {@code kat.aggregate-cache.idle-minutes} (default 30) unused.
 */
@Configuration
public class AggregateCaching {

    private final EventStore eventStore;
    private final long maxEntries;
    private final Duration idle;

    public AggregateCaching(EventStore eventStore, @Value("${kat.aggregate-cache.max-entries:20000}") long maxEntries,
                            @Value("${kat.aggregate-cache.idle-minutes:30}") long idleMinutes) {
        this.eventStore = eventStore;
        this.maxEntries = maxEntries;
        this.idle = Duration.ofMinutes(idleMinutes);
    }

    /** A new cache for one aggregate type. */
    public Cache newCache() {
        return new VerifiedCache(new CaffeineCache(Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(idle).build()),
                id -> eventStore.lastSequenceNumberFor(id));
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
        return newCache();
    }

    @Bean
    public Cache courseModuleCache() {
        return newCache();
    }

    @Bean
    public Cache creditAccountCache() {
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
     * A cache whose aggregate entries are returned only while they are the stream's newest state in
     * the store; a stale one is removed and reported as absent, so the repository reads the stream.
     */
    static final class VerifiedCache implements Cache {
        private static final Field VERSION = versionField();

        private final Cache delegate;
        private final LastSequence lastSequence;

        VerifiedCache(Cache delegate, LastSequence lastSequence) {
            this.delegate = delegate;
            this.lastSequence = lastSequence;
        }

        @Override
        public <K, V> V get(K key) {
            V value = delegate.get(key);
            if (value instanceof AggregateCacheEntry<?> entry && !Objects.equals(version(entry), lastSequence.of(key.toString()).orElse(null))) {
                delegate.remove(key);
                return null;
            }
            return value;
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
