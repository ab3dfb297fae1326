package com.polaris.kat.projection.config;

import com.polaris.kat.projection.ProjectionServiceApplication;
import com.polaris.kat.projection.streaming.AppendListener;
import com.polaris.kat.projection.streaming.WakeableEventStore;
import com.polaris.kat.testsupport.TestDatabases;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The axonserver profile: the connector's event store and command/query buses, no JDBC event
 * store. No Axon Server runs here (nothing listens on the configured address), so the test stops
 * at the wiring; PostgreSQL still holds the service's own tables and tokens.
 */
@SpringBootTest(classes = ProjectionServiceApplication.class, properties = "axon.axonserver.servers=127.0.0.1:1")
@ActiveProfiles({"test", "axonserver"})
class AxonServerModeWiringTest {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "axonserver_projection");
    }

    @Autowired
    ApplicationContext context;

    @Test
    void eventsCommandsAndQueriesGoThroughTheConnectorAndNoJdbcEventStoreIsCreated() {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
        assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
        assertThat(context.getBeansOfType(EventStorageEngine.class)).isEmpty();
        // the PostgreSQL reader and its LISTEN/NOTIFY wake-up step aside
        assertThat(context.getBeansOfType(WakeableEventStore.class)).isEmpty();
        assertThat(context.getBeansOfType(AppendListener.class)).isEmpty();
        // the events keep their one JSON shape in either mode
        assertThat(context.getBean("eventSerializer", Serializer.class)).isInstanceOf(JacksonSerializer.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT to_regclass('public.domain_event_entry') IS NULL", Boolean.class))
                .as("the PostgreSQL event table is not created in Axon Server mode").isTrue();
        assertThat(jdbc.queryForObject("SELECT to_regclass('projection.token_entry') IS NOT NULL", Boolean.class))
                .as("tokens stay in PostgreSQL").isTrue();
    }
}
