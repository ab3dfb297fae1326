package com.polaris.kat.eventstore.axonserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every application instance a name of its own, {@code kat.instance-id} = {@code pid@host-xxxx}
 * (the JVM's process id and host name, which Java knows whether or not {@code HOSTNAME} is exported,
 * plus four random hex digits so two instances in one JVM, as tests run them, differ too). Axon
 * Server mode registers each instance under it ({@code axon.axonserver.client-id} in
 * {@code application-axonserver.yml}, overridable with {@code KAT_AXONSERVER_CLIENT_ID}): Axon Server
 * needs a distinct client id per instance (issue 15: two local instances registered as one).
 * Added last, so any explicit {@code kat.instance-id} wins.
 */
public class InstanceIdEnvironment implements EnvironmentPostProcessor {

    /** The property this sets. */
    public static final String PROPERTY = "kat.instance-id";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("katInstanceId", Map.of(PROPERTY, newInstanceId())));
    }

    /** {@code pid@host-xxxx}: a new one on each call. */
    public static String newInstanceId() {
        byte[] suffix = new byte[2];
        ThreadLocalRandom.current().nextBytes(suffix);
        return ManagementFactory.getRuntimeMXBean().getName() + "-" + HexFormat.of().formatHex(suffix);
    }
}
