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

    /** GET {@code path} on the instance as the test user, the body read as a map (a problem too). */
    @SuppressWarnings("rawtypes")
    public static org.springframework.http.ResponseEntity<java.util.Map> get(ConfigurableApplicationContext ctx, String path) {
        return http(ctx).get().uri(path).retrieve().toEntity(java.util.Map.class);
    }

    /** Appends one event of a series' stream through the instance's event store; returns the store's head after it. */
    public static long append(ConfigurableApplicationContext ctx, String stream, long sequence, Object event) {
        ctx.getBean(org.axonframework.eventsourcing.eventstore.EventStore.class).publish(new org.axonframework.eventhandling.GenericDomainEventMessage<>(
                "Series", stream, sequence, event, org.axonframework.messaging.MetaData.with("actor", "front-end")));
        return ctx.getBean(com.polaris.kat.projection.streaming.ProjectionPositions.class).head();
    }

    /** The projection's processor on the instance. */
    public static org.axonframework.eventhandling.StreamingEventProcessor processor(ConfigurableApplicationContext ctx, String projection) {
        return ctx.getBean(com.polaris.kat.projection.streaming.ProjectionPositions.class).processor(projection);
    }

    /** Whether the instance processes every projection's one segment (it holds every claim). */
    public static boolean holdsEveryProjection(ConfigurableApplicationContext ctx) {
        return com.polaris.kat.projection.admin.ProjectionAdminController.PROJECTIONS.stream()
                .allMatch(p -> processor(ctx, p).processingStatus().size() == 1);
    }

    @Override
    public void close() {
        running.forEach(ConfigurableApplicationContext::close);
    }
}
