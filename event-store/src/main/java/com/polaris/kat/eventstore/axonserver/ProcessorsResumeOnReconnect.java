package com.polaris.kat.eventstore.axonserver;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Axon Server mode: when the connection to Axon Server comes back, every event processor that is
 * waiting out an error (its event stream broke when Axon Server went away) is restarted at once, so
 * the projections and the class-day registry resume within a moment of Axon Server's return instead
 * of after Axon's doubling retry pause (1, 2, 4 … up to 60 s; seen: still waiting 16 s after Axon
 * Server was back, so read-your-writes queries answered 503 projection-behind). A restart releases
 * and re-claims the processor's token; nothing is skipped or processed twice that a token does not
 * already protect. Checks the connection every {@code kat.axonserver.reconnect-check-ms} (default 250).
 */
@AutoConfiguration
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
public class ProcessorsResumeOnReconnect {

    private static final Logger log = LoggerFactory.getLogger(ProcessorsResumeOnReconnect.class);

    @Bean
    public Watch axonServerReconnectWatch(AxonServerConnectionManager connections, AxonServerConfiguration configuration,
                                          EventProcessingConfiguration processing,
                                          @Value("${kat.axonserver.reconnect-check-ms:250}") long everyMs) {
        String context = configuration.getContext();
        return new Watch(() -> connections.isConnected(context),
                () -> processing.eventProcessors().values().stream()
                        .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList(),
                everyMs);
    }

    /** The check, on a thread of its own while the application runs. */
    public static final class Watch implements SmartLifecycle {

        private final BooleanSupplier connected;
        private final Supplier<List<StreamingEventProcessor>> processors;
        private final long everyMs;
        private ScheduledExecutorService timer;
        private boolean wasConnected = true;

        Watch(BooleanSupplier connected, Supplier<List<StreamingEventProcessor>> processors, long everyMs) {
            this.connected = connected;
            this.processors = processors;
            this.everyMs = everyMs;
        }

        /** One check: on a disconnected-to-connected transition, restarts each running processor with a segment in error. */
        synchronized int check() {
            boolean now = connected.getAsBoolean();
            int restarted = 0;
            if (now && !wasConnected) {
                for (StreamingEventProcessor p : processors.get()) {
                    if (p.isRunning() && p.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState)) {
                        log.info("Axon Server is back: restarting event processor {} (it was waiting out a connection error)", p.getName());
                        p.shutDown();
                        p.start();
                        restarted++;
                    }
                }
            }
            wasConnected = now;
            return restarted;
        }

        @Override
        public synchronized void start() {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "axonserver-reconnect-watch");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(() -> {
                try {
                    check();
                } catch (RuntimeException e) {
                    log.warn("reconnect check failed: {}", e.toString());
                }
            }, everyMs, everyMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void stop() {
            if (timer != null) {
                timer.shutdownNow();
                timer = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return timer != null;
        }
    }
}
