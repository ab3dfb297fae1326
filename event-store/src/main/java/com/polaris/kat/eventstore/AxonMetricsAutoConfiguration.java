package com.polaris.kat.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.config.Configurer;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Axon's Micrometer metrics, dimensional (tags, not names per component), with one change: an
 * event processor counts the events it ingests, handles, ignores and fails, but does not time
 * each one. Axon's default set also runs a timer, a capacity gauge and a latency monitor (which
 * parses every event's timestamp) for each event a processor reads, including the many it only
 * skips: about 30 % of the samples in a profile of a projection rebuild. How far behind a
 * processor is, the thing those monitors approximate, is the kat_projection_lag_events gauge.
 * The command bus keeps Axon's counters and timers by payload type, not its capacity gauge (below); event store and
 * query bus keep Axon's full monitors. Axon's own auto-configuration
 * provides the GlobalMetricRegistry and backs off its module for this one.
 */
@AutoConfiguration(before = MicrometerMetricsAutoConfiguration.class, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(GlobalMetricRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class AxonMetricsAutoConfiguration {

    @Bean
    public MetricsConfigurerModule metricsConfigurerModule(GlobalMetricRegistry global) {
        return new MetricsConfigurerModule(global, true) {
            @Override
            @SuppressWarnings("unchecked")
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(configuration -> (componentType, componentName) -> {
                    if (EventProcessor.class.isAssignableFrom(componentType)) {
                        MessageCountingMonitor counting = MessageCountingMonitor.buildMonitor("eventProcessor",
                                global.getRegistry(), message -> Tags.of("eventProcessor", componentName));
                        return (MessageMonitor<Message<?>>) (MessageMonitor<?>) counting;
                    }
                    if (org.axonframework.commandhandling.CommandBus.class.isAssignableFrom(componentType)) {
                        // counters and timers by payload type, as Axon's default set, without its capacity gauge: that
                        // registers its gauge again for every command (a registry lookup per command, and Micrometer's
                        // WARN "This Gauge has been already registered" at each instance's first command); no dashboard
                        // or alert reads it (infra/grafana/kat-dashboard.json counts commandBus successes and failures)
                        java.util.function.Function<Message<?>, Iterable<io.micrometer.core.instrument.Tag>> byType =
                                message -> Tags.of("payloadType", message.getPayloadType().getSimpleName());
                        return new org.axonframework.monitoring.MultiMessageMonitor<>(
                                MessageCountingMonitor.buildMonitor(componentName, global.getRegistry(), byType),
                                org.axonframework.micrometer.MessageTimerMonitor.buildMonitor(componentName, global.getRegistry(), byType));
                    }
                    return (MessageMonitor<Message<?>>) global.registerComponentWithDefaultTags(componentType, componentName);
                });
            }
        };
    }
}
