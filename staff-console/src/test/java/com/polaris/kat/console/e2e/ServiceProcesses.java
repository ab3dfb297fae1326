package com.polaris.kat.console.e2e;

import com.polaris.kat.testsupport.TestDatabases;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The real enrollment-service and projection-service for the end-to-end tests: each a JVM of its own,
 * started from its module's classes and runtime classpath (target/runtime-classpath.txt, written by its
 * build), in local mode with the named local users, on a fresh database of the real PostgreSQL server
 * and on free ports. Both read their "now" from {@link com.polaris.kat.e2eclock.ShiftedClock}.
 */
final class ServiceProcesses implements AutoCloseable {

    /** The local users' passwords (test only), by environment variable, as infra/run.sh sets them. */
    static final Map<String, String> PASSWORDS = Map.of(
            "KAT_PASSWORD_FRONTEND", "frontend-e2e-password", "KAT_PASSWORD_ATTENDANCE", "attendance-e2e-password",
            "KAT_PASSWORD_FINANCE", "finance-e2e-password", "KAT_PASSWORD_COMPLIANCE", "compliance-e2e-password",
            "KAT_PASSWORD_ADMIN", "admin-e2e-password");

    final Path root;
    final Path clockFile;
    final int enrollmentPort;
    final int projectionPort;
    private final List<Process> processes = new ArrayList<>();

    private ServiceProcesses(Path root, Path clockFile, int enrollmentPort, int projectionPort) {
        this.root = root;
        this.clockFile = clockFile;
        this.enrollmentPort = enrollmentPort;
        this.projectionPort = projectionPort;
    }

    static ServiceProcesses start() throws Exception {
        Path root = root();
        Path logs = root.resolve("staff-console/target/e2e-logs");
        Files.createDirectories(logs);
        Path clock = logs.resolve("clock-shift-millis");
        com.polaris.kat.e2eclock.ShiftedClock.shift(clock, 0);
        TestDatabases.Database db = TestDatabases.createFresh("console_e2e");
        int[] ports = com.polaris.kat.testsupport.FreePorts.distinct(2); // chosen together: never the same port twice
        ServiceProcesses s = new ServiceProcesses(root, clock, ports[0], ports[1]);
        s.launch("enrollment-service", "com.polaris.kat.enrollment.EnrollmentServiceApplication", s.enrollmentPort, db, logs);
        s.launch("projection-service", "com.polaris.kat.projection.ProjectionServiceApplication", s.projectionPort, db, logs);
        HttpClient http = HttpClient.newHttpClient();
        for (int port : new int[]{s.enrollmentPort, s.projectionPort}) {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (Process p : s.processes) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("a service died at start-up; see " + logs);
                    }
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
        }
        return s;
    }

    String enrollmentUrl() {
        return "http://localhost:" + enrollmentPort;
    }

    String projectionUrl() {
        return "http://localhost:" + projectionPort;
    }

    private void launch(String module, String mainClass, int port, TestDatabases.Database db, Path logs) throws IOException {
        Path moduleDir = root.resolve(module);
        Path classpathFile = moduleDir.resolve("target/runtime-classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build the service first (mvn -pl staff-console -am test)");
        }
        String classpath = moduleDir.resolve("target/classes") + File.pathSeparator
                + Files.readString(classpathFile, StandardCharsets.UTF_8).strip() + File.pathSeparator
                + root.resolve("staff-console/target/test-classes");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-Dkat.e2e.clock-file=" + clockFile, "-cp", classpath, mainClass,
                "--server.port=" + port, "--spring.profiles.active=local", "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
                "--spring.main.sources=com.polaris.kat.e2eclock.ShiftedClock$Replace",
                "--kat.http.read-base-url=" + projectionUrl(), "--db-scheduler.polling-interval=1s");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logs.resolve(module + ".log").toFile());
        Map<String, String> env = new LinkedHashMap<>(PASSWORDS);
        // test-only secrets, the same as the services' own tests use
        env.put("KAT_PERSONAL_DATA_MASTER_KEY", "dGVzdC1tYXN0ZXIta2V5LW9ubHktaW4tdGVzdHMtMzI=");
        env.put("KAT_PERSONAL_DATA_PSEUDONYM_KEY", "dGVzdC1wc2V1ZG9ueW0ta2V5LW9ubHktaW4tdGVzdHMtLS0tLQ==");
        env.put("KAT_SECURITY_MODE", "local");
        pb.environment().putAll(env);
        processes.add(pb.start());
    }

    /** The repository's root: the first folder above the working directory that holds infra/db.sh. */
    static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("infra/db.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no infra/db.sh above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
