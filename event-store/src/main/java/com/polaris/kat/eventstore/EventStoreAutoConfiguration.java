package com.polaris.kat.eventstore;

import com.polaris.kat.events.json.EventJson;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.context.annotation.Primary;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * The event store both services share: Axon's JDBC engine on PostgreSQL. Replaces the engine of
 * Axon's {@link JdbcAutoConfiguration} to (1) turn PostgreSQL's duplicate key (SQLState 23505)
 * into Axon's ConcurrencyException, which the command side retries, and (2) keep gaps in the
 * global index for longer than a slow commit can take, so no committed event is skipped.
 * Not active in Axon Server mode ({@code axon.axonserver.enabled=true}).
 */
@AutoConfiguration(before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class EventStoreAutoConfiguration {

    /** Metadata keys copied from a command to every event it causes. */
    public static final String[] CORRELATED_METADATA = {
            RequestMetadata.ACTOR, RequestMetadata.CORRELATION_ID, RequestMetadata.IDEMPOTENCY_KEY,
            RequestMetadata.REASON};

    /** Runs the event store's own migrations, with their own history table, before Axon uses the store. */
    @Bean
    public EventStoreSchema eventStoreSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/eventstore")
                .table("flyway_event_store_history")
                .load()
                .migrate();
        return new EventStoreSchema();
    }

    /** Snake-case column names, as the migration creates them (Axon's defaults are camelCase). */
    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index").timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier").aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number").typeColumn("type")
                .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision")
                .payloadColumn("payload").metaDataColumn("meta_data")
                .build();
    }

    /** Each service keeps its processors' tokens in its own schema ({@code kat.token-table}). */
    @Bean
    public TokenSchema tokenSchema(@Value("${kat.token-table}") String tokenTable) {
        return TokenSchema.builder()
                .setTokenTable(tokenTable).setProcessorNameColumn("processor_name").setSegmentColumn("segment")
                .setTokenColumn("token").setTokenTypeColumn("token_type").setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(EventStoreSchema schemaReady, EventSchema eventSchema,
                                                 Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 @Value("${kat.event-store.gap-timeout-ms:600000}") int gapTimeoutMs) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(new SQLStateResolver("23505"))
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .gapTimeout(gapTimeoutMs)
                .build();
    }

    /*
     * Jackson for events, messages and tokens, with the events' one JSON shape. Declared as
     * serializers rather than as an ObjectMapper bean: an ObjectMapper bean would make Spring Boot
     * drop its own, and with it the web layer's refusal of unknown JSON fields.
     */
    @Bean
    @Primary
    public Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson();
    }

    private static Serializer jackson() {
        return JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper()).build();
    }

    @Bean
    public CorrelationDataProvider requestCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(CORRELATED_METADATA);
    }

    /** Marker: the event store's tables exist. */
    public static final class EventStoreSchema {
    }
}
