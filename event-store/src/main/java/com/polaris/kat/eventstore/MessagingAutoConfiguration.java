package com.polaris.kat.eventstore;

import com.polaris.kat.events.json.EventJson;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What both event store modes share (PostgreSQL through Axon's JDBC engine, or Axon Server through
 * its connector): the events' one JSON shape, the request metadata every event carries, and the
 * event processors' tokens, which stay in each service's PostgreSQL schema either way.
 */
@AutoConfiguration(before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
public class MessagingAutoConfiguration {

    /** Metadata keys copied from a command to every event it causes. */
    public static final String[] CORRELATED_METADATA = {
            RequestMetadata.ACTOR, RequestMetadata.CORRELATION_ID, RequestMetadata.IDEMPOTENCY_KEY,
            RequestMetadata.REASON};

    /** Each service keeps its processors' tokens in its own schema ({@code kat.token-table}). */
    @Bean
    public TokenSchema tokenSchema(@Value("${kat.token-table}") String tokenTable) {
        return TokenSchema.builder()
                .setTokenTable(tokenTable).setProcessorNameColumn("processor_name").setSegmentColumn("segment")
                .setTokenColumn("token").setTokenTypeColumn("token_type").setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
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

    /** Every upcaster of the event store, as one chain (Axon collects it from the context). */
    @Bean
    public org.axonframework.serialization.upcasting.event.EventUpcasterChain eventUpcasters() {
        return com.polaris.kat.eventstore.evolution.EventUpcasters.chain();
    }

    /** The serializer both services write and read events with: Jackson, the events' one JSON shape. */
    public static Serializer eventJsonSerializer() {
        return jackson();
    }

    @Bean
    public CorrelationDataProvider requestCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(CORRELATED_METADATA);
    }
}
