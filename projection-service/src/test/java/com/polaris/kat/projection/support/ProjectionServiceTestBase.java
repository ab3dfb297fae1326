package com.polaris.kat.projection.support;

import com.polaris.kat.projection.ProjectionServiceApplication;
import com.polaris.kat.testsupport.TestDatabases;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** The projection service against a fresh database; tests append events to its event store as the command side would. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {ProjectionServiceApplication.class, ProjectionServiceTestBase.FixedClock.class})
@org.springframework.test.context.ActiveProfiles("test")
public abstract class ProjectionServiceTestBase {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "projection");
    }

    @TestConfiguration
    public static class FixedClock {
        @Bean
        @Primary
        public Clock testClock() {
            return Clock.fixed(Instant.parse("2023-09-01T00:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected JdbcTemplate jdbc;
    @LocalServerPort
    protected int port;
    protected RestClient http;

    private final Map<String, Long> sequences = new HashMap<>();

    @Autowired
    void sealWith(com.polaris.kat.eventstore.personal.PersonalDataVault vault) {
        TestEvents.sealWith(vault);
    }

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://localhost:" + port).defaultHeaders(h -> h.setBasicAuth("tester", "tester-password-only-in-tests"))
                .defaultStatusHandler(s -> true, (q, r) -> { }).build();
    }

    /** Appends an event to a stream, as the aggregate with that id would, with who asked. */
    protected void append(String aggregateId, Object payload, String actor) {
        long seq = sequences.merge(aggregateId, 0L, (old, x) -> old + 1);
        eventStore.publish(new GenericDomainEventMessage<>("test", aggregateId, seq, payload,
                MetaData.with("actor", actor).and("correlationId", "corr-" + aggregateId + "-" + seq)));
    }

    protected long head() {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> get(String path) {
        return http.get().uri(path).retrieve().body(Map.class);
    }
}
