package com.polaris.kat.projection.streaming;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.springboot.EventProcessorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's sequenced dead-letter queue for every projection ({@code axon.eventhandling.processors.<name>.dlq.enabled}):
 * an event a projection cannot handle is parked in {@code projection.dead_letter_entry}, with the
 * later events of its stream behind it (their order is kept), and the projection goes on with every
 * other stream. A transient failure (database away, serialization conflict) parks nothing: it is
 * rethrown, and the processor retries the batch. Parked events are listed and retried through
 * {@code /api/admin/projections/{name}/parked} (admin/ParkedEventsController).
 */
@Configuration
public class DeadLetterConfig {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfig.class);

    /** The dead-letter table in the projection schema, snake-case columns (V8__dead_letters.sql). */
    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("projection.dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id").processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier").sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type").eventIdentifierColumn("event_identifier").timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision").payloadColumn("payload")
                .metaDataColumn("meta_data").aggregateTypeColumn("aggregate_type").aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number").tokenTypeColumn("token_type").tokenColumn("token")
                .enqueuedAtColumn("enqueued_at").lastTouchedColumn("last_touched").processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type").causeMessageColumn("cause_message").diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * Park what cannot be projected; rethrow what may succeed on retry (counted as
     * {@code kat.projection.events.parked}). A rebuild empties the projection's queue in the reset's
     * transaction: the replay handles every event again, and a stale parked letter would otherwise
     * park the replayed events of its stream behind it.
     */
    @Bean
    public ConfigurerModule deadLetterPolicy(MeterRegistry meters, EventProcessorProperties processors) {
        return configurer -> {
            configurer.eventProcessing().registerDefaultDeadLetterPolicy(config -> policy(meters));
            for (String projection : com.polaris.kat.projection.admin.ProjectionAdminController.PROJECTIONS) {
                configurer.eventProcessing().registerDeadLetteringEventHandlerInvokerConfiguration(projection,
                        (config, builder) -> withCache(builder.allowReset(true), processors, projection));
            }
        };
    }

    /**
     * The sequence-identifier cache of {@code axon.eventhandling.processors.<name>.dlq.cache} (enabled, size): Spring
     * Boot's auto-configuration applies it through an invoker configuration of its own, which the one registered here
     * (for {@code allowReset}) replaces, so it is applied here again. Without it every event a projection handles first
     * asks the dead-letter table whether its stream has a parked event: in a profile of the lag run (2026-12-01,
     * pg_stat_statements) 5.8 such queries per registration, the most frequent statement of the whole database. With it, a
     * segment whose queue was empty when it was claimed asks only for streams it parked an event of since.
     */
    static org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker.Builder withCache(
            org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker.Builder builder,
            EventProcessorProperties processors, String projection) {
        EventProcessorProperties.ProcessorSettings settings = processors.getProcessors().get(projection);
        if (settings != null && settings.getDlq().getCache().isEnabled()) {
            builder.enableSequenceIdentifierCache().sequenceIdentifierCacheSize(settings.getDlq().getCache().getSize());
        }
        return builder;
    }

    static EnqueuePolicy<EventMessage<?>> policy(MeterRegistry meters) {
        return (letter, cause) -> {
            if (FailureKind.of(cause) == FailureKind.TRANSIENT) {
                throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
            }
            EventMessage<?> m = letter.message();
            // the event's own sequence number in its aggregate stream: not the parked list's sequenceIndex (its place in
            // the dead-letter queue's sequence), which a reviewer took it for when the log wrote "stream series-20#0"
            String stream = m instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() + ", event sequence number " + d.getSequenceNumber() : "-";
            log.error("parked event {} ({}, stream {}) in the dead-letter queue: {}", m.getIdentifier(),
                    m.getPayloadType().getSimpleName(), stream, cause.toString());
            meters.counter("kat.projection.events.parked", "eventType", m.getPayloadType().getSimpleName()).increment();
            return Decisions.enqueue(cause);
        };
    }
}
