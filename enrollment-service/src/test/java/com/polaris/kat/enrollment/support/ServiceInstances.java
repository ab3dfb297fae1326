package com.polaris.kat.enrollment.support;

import com.polaris.kat.enrollment.EnrollmentServiceApplication;
import com.polaris.kat.testsupport.TestDatabases;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Enrollment-service instances on one PostgreSQL database, each with its own aggregate locks, caches, command bus and
 * scheduler, as separate processes would have, on the test clock; closed together. Requests as the tester (HTTP Basic).
 */
public final class ServiceInstances implements AutoCloseable {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    /** Starts one more instance on {@code db} with its clock at {@code at} (an ISO-8601 UTC instant). */
    public ConfigurableApplicationContext start(TestDatabases.Database db, String at) {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(EnrollmentServiceApplication.class, EnrollmentServiceTestBase.TestClock.class)
                .run(db.applicationArguments());
        ctx.getBean(MutableTestClock.class).set(at);
        started.add(ctx);
        return ctx;
    }

    /** Stops every instance started (each one's close stops its web server, processors and scheduler). */
    @Override
    public void close() {
        started.forEach(ConfigurableApplicationContext::close);
        started.clear();
    }

    /** A JSON request to an instance as the tester; its answer (60 s at the most). */
    public static HttpResponse<String> send(ConfigurableApplicationContext ctx, String method, String path, String body) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ctx.getEnvironment().getProperty("local.server.port") + path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            (EnrollmentServiceTestBase.TESTER + ":" + EnrollmentServiceTestBase.TESTER_PASSWORD).getBytes()))
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
