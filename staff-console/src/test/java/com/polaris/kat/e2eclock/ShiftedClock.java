package com.polaris.kat.e2eclock;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Test only: the services' "now", shifted by the milliseconds written in the file named by the system
 * property {@code kat.e2e.clock-file} (the end-to-end test moves both services to the class day's
 * evening). Put into a service process with {@code --spring.main.sources=}{@link Replace}; it
 * replaces the services' own {@link Clock} beans. Outside the console's packages, so the console
 * never scans it.
 */
public class ShiftedClock extends Clock {

    private final Path file;
    private volatile long checkedModified = Long.MIN_VALUE;
    private volatile long offsetMillis;

    /** Reads the file named by the system property. */
    public ShiftedClock() {
        String name = System.getProperty("kat.e2e.clock-file");
        this.file = name == null ? null : Path.of(name);
    }

    /**
     * Put into a service process with {@code --spring.main.sources=}this class's name: after the
     * service's configuration classes were read, every Clock bean it defines is replaced by a shifted clock.
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    public static class Replace {

        /** The replacement, as a bean factory post-processor (static: it runs before any other bean exists). */
        @org.springframework.context.annotation.Bean
        static org.springframework.beans.factory.config.BeanFactoryPostProcessor shiftedClocks() {
            return factory -> {
                org.springframework.beans.factory.support.BeanDefinitionRegistry registry =
                        (org.springframework.beans.factory.support.BeanDefinitionRegistry) factory;
                String[] clocks = factory.getBeanNamesForType(Clock.class, true, false);
                System.err.println("[e2e] the service's clock is the shifted test clock instead of " + java.util.Arrays.toString(clocks));
                for (String name : clocks) {
                    registry.removeBeanDefinition(name);
                    registry.registerBeanDefinition(name, new org.springframework.beans.factory.support.RootBeanDefinition(
                            Clock.class, ShiftedClock::new));
                }
            };
        }
    }

    /** Writes the shift that every service process reading {@code file} applies from now on. */
    public static void shift(Path file, long millis) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(millis), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private long offset() {
        if (file == null) {
            return 0;
        }
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            if (modified != checkedModified) {
                offsetMillis = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
                checkedModified = modified;
            }
        } catch (IOException | NumberFormatException e) {
            return offsetMillis;
        }
        return offsetMillis;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), java.time.Duration.ofMillis(offset()));
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offset());
    }
}
