package com.polaris.kat.testsupport;

import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** What both services' Axon Server mode must look like, asserted on a started application context. */
public final class AxonServerWiring {

    private AxonServerWiring() {
    }

    /**
     * Events, commands and queries go through the connector; no JDBC event store engine exists and
     * its table is not created; the events keep their one JSON shape; tokens stay in PostgreSQL.
     */
    public static void assertConnectorWiring(ApplicationContext context, String tokenTable) {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
        assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
        assertThat(context.getBeansOfType(EventStorageEngine.class)).isEmpty();
        assertThat(context.getBean("eventSerializer", Serializer.class)).isInstanceOf(JacksonSerializer.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT to_regclass('public.domain_event_entry') IS NULL", Boolean.class))
                .as("the PostgreSQL event table is not created in Axon Server mode").isTrue();
        assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, tokenTable))
                .as("tokens stay in PostgreSQL").isTrue();
    }
}
