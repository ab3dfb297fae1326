package com.polaris.kat.enrollment.config;

import com.polaris.kat.eventstore.position.ProgressWatch;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the command side's streaming processors ({@code erasure-waitlist}: an erased clinician leaves the waitlists)
 * advance through the events that wait for them, in the cluster ({@link ProgressWatch}'s rule, the one the projection
 * service's {@code projectionProgress} applies). Every {@code kat.processors.progress-interval-ms} (2,000 ms) a thread of
 * its own reads the store's head and each processor's rows in the token table (this instance's memory for the segments it
 * processes); a processor behind the head whose position has not moved for {@code kat.processors.not-advancing-after-ms}
 * (60,000 ms) does not advance: a handler failure it retries for ever (the command side's handlers propagate failures,
 * {@link CommandSideProcessors}), or an event the store's shared reader cannot read. Neither shows anywhere else: the
 * service's readiness has no processor in it.
 * <p>
 * Shows as: this health contributor ({@code processorProgress}) DOWN with, per such processor, {@code processedThrough},
 * {@code head}, {@code behind} and {@code notAdvancingSince} (UTC); the gauge {@code kat.processor.not.advancing.seconds}
 * ({@code processor} tag; 0 while it advances or is caught up); one ERROR log line when it starts and one INFO when it
 * advances again. Not in the readiness or liveness groups (commands are still taken rightly; a restart does not get past an
 * event that cannot be read); the overall {@code /actuator/health} turns DOWN. A reading the database does not answer is
 * skipped (logged once); the readiness probe's {@code db} check reports that.
 */
@Component("processorProgress")
public class CommandSideProgress implements HealthIndicator, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CommandSideProgress.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String table;
    private final MeterRegistry meters;
    private final Duration bound;
    private final Clock clock;
    private final ProgressWatch watch;
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private volatile boolean failing;

    /**
     * The service's instance: reads every {@code intervalMs} on a daemon thread of its own.
     *
     * @param table the token table ({@code kat.token-table})
     */
    @Autowired
    public CommandSideProgress(EventProcessingConfiguration processing, EventStore eventStore, JdbcTemplate jdbc, Serializer serializer,
                               @Value("${kat.token-table}") String table, MeterRegistry meters,
                               @Value("${kat.processors.progress-interval-ms:2000}") long intervalMs,
                               @Value("${kat.processors.not-advancing-after-ms:60000}") long boundMs) {
        this(processing, eventStore, jdbc, serializer, table, meters, Duration.ofMillis(boundMs), Clock.systemUTC());
        timer.scheduleWithFixedDelay(this::check, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** An instance that reads only when {@link #check} is called (tests), on {@code clock}. */
    public CommandSideProgress(EventProcessingConfiguration processing, EventStore eventStore, JdbcTemplate jdbc, Serializer serializer,
                               String table, MeterRegistry meters, Duration bound, Clock clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.table = table;
        this.meters = meters;
        this.bound = bound;
        this.clock = clock;
        this.watch = new ProgressWatch(bound);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "processor-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes one reading of every streaming processor (the timer's task); a reading that fails is skipped. */
    public void check() {
        try {
            TrackingToken headToken = eventStore.createHeadToken();
            long head = headToken == null ? -1 : headToken.position().orElse(-1);
            for (StreamingEventProcessor p : streaming()) {
                String name = p.getName();
                if (gauged.add(name)) {
                    Gauge.builder("kat.processor.not.advancing.seconds", () -> watch.secondsNotAdvancing(name, clock.instant()))
                            .tag("processor", name)
                            .description("seconds the event processor has been behind the event store's head without advancing (0: it advances or is caught up)")
                            .register(meters);
                }
                Map<Integer, TrackingToken> stored = storedTokens(name);
                if (stored.isEmpty()) {
                    watch.forget(name); // never started anywhere: nothing to say yet
                    continue;
                }
                long through = ProgressWatch.through(stored, p.processingStatus());
                var at = clock.instant();
                report(name, watch.observe(name, through, head, at), at, through, head);
            }
            if (failing) {
                failing = false;
                log.info("The command side's processors' progress is read again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("The command side's processors' progress could not be read ({}); tried again every interval", e.toString());
            }
        }
    }

    private void report(String name, ProgressWatch.Change change, java.time.Instant at, long through, long head) {
        if (change == ProgressWatch.Change.STOPPED_ADVANCING) {
            ProgressWatch.NotAdvancing n = watch.notAdvancing(name, at).orElseThrow();
            log.error("The {} event processor has not advanced since {}: it stands at {} with {} events behind (head {}). It may be retrying a "
                            + "failing handler or waiting on an event the store's reader cannot read; the log of the instance holding its claim "
                            + "names the failure.", name, n.since(), n.through(), n.behind(), n.head());
        } else if (change == ProgressWatch.Change.ADVANCES_AGAIN) {
            log.info("The {} event processor advances again (at {}, head {})", name, through, head);
        }
    }

    private List<StreamingEventProcessor> streaming() {
        return processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast).toList();
    }

    private Map<Integer, TrackingToken> storedTokens(String processor) {
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        jdbc.query("SELECT segment, token, token_type, timestamp, owner FROM " + table + " WHERE processor_name = ?", rs -> {
            int segment = rs.getInt("segment");
            tokens.put(segment, new GenericTokenEntry<>(rs.getBytes("token"), rs.getString("token_type"), rs.getString("timestamp"),
                    rs.getString("owner"), processor, segment, byte[].class).getToken(serializer));
        }, processor);
        return tokens;
    }

    /**
     * UP while every streaming processor advances or is caught up; DOWN with each one that does not: its
     * {@code processedThrough}, {@code head}, {@code behind} and {@code notAdvancingSince}.
     */
    @Override
    public Health health() {
        Map<String, Object> stuck = watch.notAdvancing(gauged, clock.instant());
        Health.Builder h = stuck.isEmpty() ? Health.up()
                : Health.down().withDetail("action", "the log of the instance holding the processor's claim names the failure");
        return h.withDetail("notAdvancingAfter", bound.toString()).withDetails(stuck).build();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
