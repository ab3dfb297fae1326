package com.polaris.kat.enrollment.config;

import com.polaris.kat.enrollment.EnrollmentServiceApplication;
import com.polaris.kat.testsupport.AxonServerWiring;
import com.polaris.kat.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The axonserver profile: the connector's event store and command/query buses, no JDBC event
 * store. No Axon Server runs here (nothing listens on the configured address), so the test stops
 * at the wiring; PostgreSQL still holds the service's own tables and tokens. The two pooled
 * processors run subscribing here: a pooled processor's start waits until it has read the store's
 * tail, which needs a server.
 */
@SpringBootTest(classes = EnrollmentServiceApplication.class, properties = {"axon.axonserver.servers=127.0.0.1:1",
        "axon.eventhandling.processors.class-day-registry.mode=subscribing"})
@ActiveProfiles({"test", "axonserver"})
class AxonServerModeWiringTest {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "axonserver_enrollment");
    }

    @Autowired
    ApplicationContext context;

    @Test
    void eventsCommandsAndQueriesGoThroughTheConnectorAndNoJdbcEventStoreIsCreated() {
        AxonServerWiring.assertConnectorWiring(context, "enrollment.token_entry");
    }
}
