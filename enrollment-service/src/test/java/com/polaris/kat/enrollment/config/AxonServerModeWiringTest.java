package com.polaris.kat.enrollment.config;

import com.polaris.kat.enrollment.EnrollmentServiceApplication;
import com.polaris.kat.enrollment.support.EnrollmentServiceTestBase;
import com.polaris.kat.testsupport.AxonServerWiring;
import com.polaris.kat.testsupport.TestDatabases;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.lang.management.ManagementFactory;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The axonserver profile: the connector's event store and command/query buses, no JDBC event
 * store. No Axon Server listens on the configured address, which is what an outage looks like to
 * the service: commands answer 503 {@code axon-server-unavailable} with Retry-After (not 500), and
 * readiness is DOWN on the Axon Server connection. PostgreSQL still holds the service's own tables
 * and tokens. The erasure-waitlist processor runs subscribing here: as a streaming processor it would only
 * keep retrying, in the background, to read from the server that is not there.
 */
@SpringBootTest(classes = EnrollmentServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"axon.axonserver.servers=127.0.0.1:1", "axon.eventhandling.processors.erasure-waitlist.mode=subscribing"})
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
    @LocalServerPort
    int port;
    RestClient http;

    @BeforeEach
    void httpClient() {
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(EnrollmentServiceTestBase.TESTER, EnrollmentServiceTestBase.TESTER_PASSWORD))
                .defaultStatusHandler(s -> true, (req, res) -> { })
                .build();
    }

    @Test
    void eventsCommandsAndQueriesGoThroughTheConnectorAndNoJdbcEventStoreIsCreated() {
        AxonServerWiring.assertConnectorWiring(context, "enrollment.token_entry");
    }

    @Test
    void aCommandWhileAxonServerIsUnreachableIs503WithRetryAfterAndChangesNothing() {
        ResponseEntity<Map> r = http.post().uri("/api/catalog/modules").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("code", "M1", "title", "Foundations", "ceHours", 8)).retrieve().toEntity(Map.class);
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(503);
        assertThat(r.getBody()).containsEntry("type", "urn:kat:problem:axon-server-unavailable");
        assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(r.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void readinessIsDownWhileAxonServerIsUnreachable() {
        ResponseEntity<Map> r = http.get().uri("/actuator/health/readiness").retrieve().toEntity(Map.class);
        assertThat(r.getStatusCode().value()).isEqualTo(503);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) r.getBody().get("components");
        assertThat(components).containsKeys("db", "readinessState", "axonServer");
        assertThat(components.get("axonServer")).containsEntry("status", "DOWN");
        assertThat(components.get("db")).containsEntry("status", "UP");
    }

    @Test
    void theClientIdNamesThisInstanceByProcessHostAndASuffix() {
        String clientId = context.getBean(AxonServerConfiguration.class).getClientId();
        assertThat(clientId).startsWith("enrollment-service-" + ManagementFactory.getRuntimeMXBean().getName() + "-")
                .matches(".*-[0-9a-f]{4}");
    }
}
