package com.polaris.kat.projection.config;

import com.polaris.kat.projection.ProjectionServiceApplication;
import com.polaris.kat.projection.streaming.AppendListener;
import com.polaris.kat.projection.streaming.WakeableEventStore;
import com.polaris.kat.testsupport.AxonServerWiring;
import com.polaris.kat.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The axonserver profile: the connector's event store and command/query buses, no JDBC event
 * store. No Axon Server runs here (nothing listens on the configured address), so the test stops
 * at the wiring; PostgreSQL still holds the service's own tables and tokens.
 */
@SpringBootTest(classes = ProjectionServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "axon.axonserver.servers=127.0.0.1:1")
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
        AxonServerWiring.assertConnectorWiring(context, "projection.token_entry");
        // the PostgreSQL reader and its LISTEN/NOTIFY wake-up step aside
        assertThat(context.getBeansOfType(WakeableEventStore.class)).isEmpty();
        assertThat(context.getBeansOfType(AppendListener.class)).isEmpty();
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** No Axon Server listens: the admin endpoints, which read the store's head, answer 503 with Retry-After, not 500. */
    @Test
    void theProjectionsAdminEndpointIs503WhileAxonServerIsUnreachable() {
        org.springframework.web.client.RestClient http = org.springframework.web.client.RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("admin", "admin-password-only-in-tests")).defaultStatusHandler(s -> true, (req, res) -> { }).build();
        for (String path : java.util.List.of("/api/admin/projections", "/api/admin/projections/ledger")) {
            org.springframework.http.ResponseEntity<java.util.Map> r = http.get().uri(path).retrieve().toEntity(java.util.Map.class);
            assertThat(r.getStatusCode().value()).as("%s %s", path, r.getBody()).isEqualTo(503);
            assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:axon-server-unavailable");
            assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        }
    }
}
