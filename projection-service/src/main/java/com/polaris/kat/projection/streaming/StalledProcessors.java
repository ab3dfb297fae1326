package com.polaris.kat.projection.streaming;

import com.polaris.kat.projection.admin.ProjectionAdminController;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a projection whose tracking processor runs on this instance but can no longer process anything: it holds no
 * segment here and has no thread left to claim one. Axon 4.13's {@link TrackingEventProcessor} gets there when it is shut
 * down in the moment its work launcher hands its own thread to the segment it just claimed (its log: "freeing segment
 * since segment worker will not be started"): that thread is never given back, and a processor with one thread then
 * claims nothing until the service restarts (a fresh reviewer wedged one with parallel rebuilds; the reads of its view
 * then answered 503 projection-rebuilding for ever while the console said "running"). The projections run with one
 * thread more than their segments ({@code thread-count} in application.yml), so the launcher never becomes a worker and
 * that path is not taken; this check is the safety net for anything else that loses the threads.
 * <p>
 * Every {@code kat.projections.stall-check-interval-ms} (2,000 ms) it reads each processor's state in memory (no
 * database). A processor seen stalled in two checks in a row is stalled for good (no call of Axon's gives the thread
 * back): it is logged at ERROR once, the claims this instance still holds on its segments are released (another instance,
 * if there is one, takes the projection over within its claim interval), the gauge {@code kat.projection.stalled}
 * ({@code projection} tag) reads 1, and this health contributor ({@code stalledProjections}, in the readiness and the
 * liveness groups) is DOWN, so an orchestrator restarts the instance, which is the cure; the admin status and the staff
 * console show it as stalled, and a rebuild answers {@code 503 projection-stalled}.
 */
@Component("stalledProjections")
public class StalledProcessors implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(StalledProcessors.class);

    private final ProjectionPositions positions;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final ProjectionTokens tokens;
    private final Clock clock;
    private final Map<String, Integer> suspect = new ConcurrentHashMap<>();
    private final Map<String, Instant> stalledSince = new ConcurrentHashMap<>();

    public StalledProcessors(ProjectionPositions positions, TokenStore tokenStore, TransactionManager transactions, ProjectionTokens tokens,
                             MeterRegistry meters) {
        this.positions = positions;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.tokens = tokens;
        this.clock = Clock.systemUTC();
        for (String name : ProjectionAdminController.PROJECTIONS) {
            Gauge.builder("kat.projection.stalled", () -> stalledSince.containsKey(name) ? 1 : 0).tag("projection", name)
                    .description("1 when the projection's processor runs here but can no longer claim a segment (restart the instance)")
                    .register(meters);
        }
    }

    /**
     * Whether a processor in this state can no longer process: it runs, holds no segment here and has no thread to claim
     * one with. A stand-by instance (no segment, its threads free) and a stopped processor are not stalled.
     *
     * @param running          the processor runs
     * @param segmentsHere     segments it processes on this instance
     * @param availableThreads threads it has left to give a claimed segment (Axon's count)
     */
    public static boolean cannotProcess(boolean running, int segmentsHere, int availableThreads) {
        return running && segmentsHere == 0 && availableThreads <= 0;
    }

    /** One check of every projection (the scheduled task); a projection found stalled stays so until the service restarts. */
    @Scheduled(fixedDelayString = "${kat.projections.stall-check-interval-ms:2000}")
    public void check() {
        for (String name : ProjectionAdminController.PROJECTIONS) {
            if (stalledSince.containsKey(name)) {
                continue;
            }
            StreamingEventProcessor p = positions.processor(name);
            boolean stuck = p instanceof TrackingEventProcessor t
                    && cannotProcess(t.isRunning(), t.processingStatus().size(), t.availableProcessorThreads());
            if (!stuck) {
                suspect.remove(name);
            } else if (suspect.merge(name, 1, Integer::sum) >= 2) {
                stall(name, (TrackingEventProcessor) p);
            }
        }
    }

    private void stall(String name, TrackingEventProcessor p) {
        stalledSince.put(name, clock.instant());
        log.error("The {} projection's processor runs on this instance ({}) but can no longer claim a segment: it holds none and has "
                        + "no thread left ({} of {} available). Nothing in the running service gives it back: restart this instance. Its "
                        + "claims here are released so that another instance can take the projection over.",
                name, tokens.nodeId(), p.availableProcessorThreads(), p.maxCapacity());
        for (ProjectionTokens.Segment s : tokens.segments(name)) {
            if (tokens.nodeId().equals(s.owner())) {
                try {
                    transactions.executeInTransaction(() -> tokenStore.releaseClaim(name, s.segment()));
                } catch (RuntimeException e) {
                    log.warn("Could not release the {} projection's claim on segment {} ({}); it lapses after the claim timeout",
                            name, s.segment(), e.toString());
                }
            }
        }
    }

    /** When the projection was found stalled on this instance; empty while it is not. */
    public Optional<Instant> stalledSince(String name) {
        return Optional.ofNullable(stalledSince.get(name));
    }

    /** DOWN while any projection is stalled here, with each stalled one's name and the instant it was found (UTC). */
    @Override
    public Health health() {
        Map<String, Object> stalled = new LinkedHashMap<>();
        stalledSince.forEach((name, since) -> stalled.put(name, since.toString()));
        Health.Builder h = stalled.isEmpty() ? Health.up() : Health.down()
                .withDetail("action", "restart this instance: a stalled processor claims nothing until it does");
        return h.withDetail("stalled", stalled).build();
    }
}
