package com.polaris.kat.projection.support;

import com.polaris.kat.projection.ProjectionServiceApplication;
import com.polaris.kat.testsupport.TestDatabases;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import java.util.ArrayList;
import java.util.List;

/**
 * Several projection-service instances on one database, as a cluster runs them (each its own node id, on a random port),
 * and the HTTP client of the test user; {@link #close} stops every one started.
 */
public final class ProjectionInstances implements AutoCloseable {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    /** Starts an instance named {@code node} ({@code kat.projections.node-id}) on {@code db}, with further arguments. */
    public ConfigurableApplicationContext start(TestDatabases.Database db, String node, String... arguments) {
        List<String> args = new ArrayList<>(List.of(db.applicationArguments()));
        args.add("--kat.projections.node-id=" + node);
        args.addAll(List.of(arguments));
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ProjectionServiceApplication.class, ProjectionServiceTestBase.FixedClock.class)
                .run(args.toArray(String[]::new));
        running.add(ctx);
        return ctx;
    }

    /** An HTTP client of the instance as the test user, which never throws on a status (problems are read as bodies). */
    public static RestClient http(ConfigurableApplicationContext ctx) {
        return RestClient.builder().baseUrl("http://localhost:" + ctx.getEnvironment().getProperty("local.server.port"))
                .defaultHeaders(h -> h.setBasicAuth("tester", "tester-password-only-in-tests"))
                .defaultStatusHandler(s -> true, (q, r) -> { }).build();
    }

    @Override
    public void close() {
        running.forEach(ConfigurableApplicationContext::close);
    }
}
