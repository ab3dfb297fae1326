package com.polaris.kat.projection.verification;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * A token bucket per client address (Bucket4j) for the public verification endpoint, so codes
 * cannot be enumerated: {@code kat.verify.rate-limit.capacity} requests (default 20) at once,
 * refilled gradually at that many per {@code kat.verify.rate-limit.period} (default one minute).
 * Buckets live in memory, one per address seen in the last hour (Caffeine, at most 100,000): each
 * instance limits on its own, so N instances allow N times the rate (docs/decisions.md).
 */
@Component
public class VerificationRateLimit {

    private final long capacity;
    private final Duration period;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();

    public VerificationRateLimit(@Value("${kat.verify.rate-limit.capacity:20}") long capacity,
                                 @Value("${kat.verify.rate-limit.period:PT1M}") Duration period) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalStateException("kat.verify.rate-limit: capacity must be at least 1 and the period positive");
        }
        this.capacity = capacity;
        this.period = period;
    }

    /**
     * Takes one request from the address's bucket.
     *
     * @return empty when the request may go ahead; else the whole seconds (at least 1) until it may
     */
    public OptionalLong take(String clientAddress) {
        Bucket bucket = buckets.get(clientAddress, a -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
