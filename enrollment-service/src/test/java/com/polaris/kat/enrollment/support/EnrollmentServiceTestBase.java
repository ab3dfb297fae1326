package com.polaris.kat.enrollment.support;

import com.polaris.kat.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The whole enrollment service on a random port against a fresh PostgreSQL database, with a clock
 * the test sets. Spring caches the context, so test classes extending this share it (and its
 * database): they use series numbers of their own. A class that needs a database to itself adds
 * its own {@code @DynamicPropertySource}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {com.polaris.kat.enrollment.EnrollmentServiceApplication.class, EnrollmentServiceTestBase.TestClock.class})
@org.springframework.test.context.ActiveProfiles("test")
public abstract class EnrollmentServiceTestBase {

    /** A test user with every role (application-test.yml); the authorization matrix uses one user per role. */
    public static final String TESTER = "tester";
    public static final String TESTER_PASSWORD = "tester-password-only-in-tests";

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "enrollment");
    }

    @TestConfiguration
    public static class TestClock {
        @Bean
        @Primary
        public MutableTestClock testClock() {
            return new MutableTestClock();
        }
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected MutableTestClock clock;

    protected RestClient http;

    @BeforeEach
    void httpClient() {
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(TESTER, TESTER_PASSWORD))
                .defaultStatusHandler(s -> true, (req, res) -> { })
                .build();
    }

    protected ResponseEntity<Map> post(String path, Object body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(Map.class);
    }

    /** POST as one of the test users named by role ({@code frontend}, {@code attendance}, {@code finance}, {@code compliance}, {@code admin}). */
    protected ResponseEntity<Map> postAs(String user, String path, Object body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).headers(h -> h.setBasicAuth(user, user + "-password-only-in-tests"))
                .body(body).retrieve().toEntity(Map.class);
    }

    protected ResponseEntity<Map> put(String path, Object body) {
        return http.put().uri(path).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(Map.class);
    }

    protected long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    protected List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class, aggregateId).stream().map(t -> t.substring(t.lastIndexOf('$') + 1)).toList();
    }

    protected void defineProgramModules() {
        Fixtures.MODULES.values().forEach(m -> post("/api/catalog/modules",
                Map.of("code", m.code(), "title", m.title(), "ceHours", m.ceHours())));
    }
}
