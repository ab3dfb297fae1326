package com.polaris.kat.infra;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Compose file and the Kubernetes manifests against the services as they are built: the image
 * names, the ports the services listen on, the health groups the probes call, and only environment
 * variables the services read (so a renamed variable cannot silently stop configuring anything).
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("enrollment-service", "projection-service");
    /** Read by the JVM or by Spring Boot's relaxed binding rather than through a ${...} placeholder. */
    private static final Set<String> PLATFORM_VARIABLES = Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS",
            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
    private static final Set<String> DATABASE_VARIABLES = Set.of("KAT_DB_HOST", "KAT_DB_PORT", "KAT_DB_NAME", "KAT_DB_USER",
            "KAT_DB_PASSWORD");
    private static final int AXON_SERVER_GRPC_PORT = 8124;
    /** The Axon Server version the scale-out suite ran against (docs/axon-server.md); both files deploy it. */
    private static final String AXON_SERVER_VERSION = "2023.2.1";

    /** What a service's packaged configuration says about itself. */
    record ServiceFacts(String name, int port, Set<String> variables, Set<String> profiles) {
    }

    private static ServiceFacts facts(String module) throws IOException {
        Path resources = ROOT.resolve(module).resolve("src/main/resources");
        Set<String> variables = new TreeSet<>();
        Set<String> profiles = new TreeSet<>();
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
        try (Stream<Path> files = Files.list(resources)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("application(-.+)?\\.yml")).toList()) {
                String text = Files.readString(f);
                // a file it imports from the classpath (spring.config.import), e.g. web-security's kat-local-users.yml
                Matcher imported = Pattern.compile("import:\\s*classpath:([\\w.-]+\\.yml)").matcher(text);
                while (imported.find()) {
                    text += "\n" + Files.readString(classpathResource(imported.group(1)));
                }
                Matcher m = placeholder.matcher(text);
                while (m.find()) {
                    variables.add(m.group(1));
                }
                Matcher profile = Pattern.compile("application-(.+)\\.yml").matcher(f.getFileName().toString());
                if (profile.matches()) {
                    profiles.add(profile.group(1));
                }
            }
        }
        Map<String, Object> application = new Yaml().load(Files.readString(resources.resolve("application.yml")));
        String port = (String) path(application, "server", "port");
        Matcher d = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}").matcher(port);
        assertThat(d.matches()).as(module + " server.port " + port).isTrue();
        assertThat(path(application, "management", "endpoint", "health", "probes", "enabled"))
                .as(module + ": liveness and readiness groups are exposed").isEqualTo(true);
        assertThat((String) path(application, "management", "endpoint", "health", "group", "readiness", "include"))
                .as(module + ": readiness includes the database").contains("db");
        return new ServiceFacts(module, Integer.parseInt(d.group(1)), variables, profiles);
    }

    /** A resource of the services' classpath: the one module of this build whose src/main/resources holds it. */
    private static Path classpathResource(String name) throws IOException {
        try (Stream<Path> modules = Files.list(ROOT)) {
            List<Path> found = modules.map(m -> m.resolve("src/main/resources").resolve(name)).filter(Files::exists).toList();
            assertThat(found).as("the module holding " + name).hasSize(1);
            return found.get(0);
        }
    }

    private static String version() throws IOException {
        Matcher m = Pattern.compile("<artifactId>kat-enrollment</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @SuppressWarnings("unchecked")
    private static Object path(Object node, String... keys) {
        for (String k : keys) {
            node = node instanceof Map<?, ?> m ? m.get(k) : null;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    private static void assertConsumed(ServiceFacts s, Set<String> names, String where) {
        for (String name : names) {
            assertThat(s.variables().contains(name) || PLATFORM_VARIABLES.contains(name))
                    .as(where + " sets " + name + ", which " + s.name() + " does not read").isTrue();
        }
        assertThat(names).as(where + ": the database settings").containsAll(DATABASE_VARIABLES);
    }

    private static void assertProfilesExist(ServiceFacts s, String active, String where) {
        for (String p : active.split(",")) {
            assertThat(s.profiles()).as(where + ": profile '" + p + "' is one " + s.name() + " has").contains(p.strip());
        }
        assertThat(active).as(where + ": scale-out runs in Axon Server mode").contains("axonserver");
    }

    @Test
    void composeRunsBothServicesWithTheirImagesPortsProbesAndEnvironment() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("infra/compose.yaml")));
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKeys("postgres", "axonserver");
        Map<String, Object> axon = map(services.get("axonserver"));
        assertThat((String) axon.get("image")).endsWith(":" + AXON_SERVER_VERSION);
        assertThat(map(axon.get("environment"))).containsEntry("AXONIQ_AXONSERVER_STANDALONE", "true")
                .as("clients are told a name they can resolve").containsEntry("AXONIQ_AXONSERVER_HOSTNAME", "axonserver");
        String version = version();
        for (String module : SERVICES) {
            ServiceFacts facts = facts(module);
            Map<String, Object> svc = map(services.get(module));
            assertThat(svc.get("image")).isEqualTo("kat/" + module + ":" + version);
            assertThat(path(svc, "build", "args", "MODULE")).isEqualTo(module);
            assertThat(ROOT.resolve("infra").resolve((String) path(svc, "build", "context"))
                    .resolve((String) path(svc, "build", "dockerfile"))).exists();
            assertThat(list(svc.get("ports"))).as(module + " ports").anySatisfy(p ->
                    assertThat(p.toString()).matches("(\\d+:)?" + facts.port()));
            assertThat(String.join(" ", list(path(svc, "healthcheck", "test")).stream().map(Object::toString).toList()))
                    .contains("http://localhost:" + facts.port() + "/actuator/health/readiness");
            Map<String, Object> env = map(svc.get("environment"));
            assertConsumed(facts, env.keySet(), "compose " + module);
            assertProfilesExist(facts, (String) env.get("SPRING_PROFILES_ACTIVE"), "compose " + module);
            String[] server = ((String) env.get("AXONSERVER_SERVERS")).split(":");
            assertThat(services).containsKey(server[0]);
            assertThat(Integer.parseInt(server[1])).isEqualTo(AXON_SERVER_GRPC_PORT);
            env.forEach((k, v) -> {
                if (k.contains("PASSWORD")) {
                    assertThat(String.valueOf(v)).as(k + " comes from the environment, not the file").startsWith("${");
                }
            });
            assertThat(map(path(svc, "depends_on")).keySet()).contains("postgres", "axonserver");
        }
    }

    @Test
    void kubernetesDeploysBothServicesWithTheirImagesPortsProbesAndEnvironment() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("infra/k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object d : new Yaml().loadAll(Files.readString(f))) {
                    if (d != null) {
                        docs.add(map(d));
                    }
                }
            }
        }
        assertThat(docs).as("no Secret in the manifests").noneMatch(d -> "Secret".equals(d.get("kind")));
        Map<String, Object> config = docs.stream().filter(d -> "ConfigMap".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> axonServer = docs.stream()
                .filter(d -> "StatefulSet".equals(d.get("kind")) && "axonserver".equals(path(d, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("an Axon Server StatefulSet"));
        Map<String, Object> axonContainer = map(list(path(axonServer, "spec", "template", "spec", "containers")).get(0));
        assertThat(list(axonContainer.get("ports")))
                .anySatisfy(p -> assertThat(map(p).get("containerPort")).isEqualTo(AXON_SERVER_GRPC_PORT));
        assertThat((String) axonContainer.get("image")).endsWith(":" + AXON_SERVER_VERSION + "-nonroot");
        assertThat(list(axonContainer.get("env"))).anySatisfy(e -> assertThat(map(e))
                .containsEntry("name", "AXONIQ_AXONSERVER_HOSTNAME")
                .containsEntry("value", "axonserver-0." + path(axonServer, "spec", "serviceName")));
        String version = version();
        for (String module : SERVICES) {
            ServiceFacts facts = facts(module);
            Map<String, Object> deployment = docs.stream()
                    .filter(d -> "Deployment".equals(d.get("kind")) && module.equals(path(d, "metadata", "name")))
                    .findFirst().orElseThrow(() -> new AssertionError("a Deployment for " + module));
            Map<String, Object> container = map(list(path(deployment, "spec", "template", "spec", "containers")).get(0));
            assertThat(container.get("image")).isEqualTo("kat/" + module + ":" + version);
            Map<String, Object> port = map(list(container.get("ports")).get(0));
            assertThat(port.get("containerPort")).isEqualTo(facts.port());
            assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(path(container, probe, "httpGet", "port")).as(module + " " + probe + " port")
                        .isIn(port.get("name"), facts.port());
            }
            Set<String> names = new HashSet<>();
            for (Object from : list(container.get("envFrom"))) {
                Object ref = path(from, "configMapRef", "name");
                assertThat(ref).isEqualTo(path(config, "metadata", "name"));
                names.addAll(map(config.get("data")).keySet());
            }
            for (Object e : list(container.get("env"))) {
                Map<String, Object> var = map(e);
                names.add((String) var.get("name"));
                if (((String) var.get("name")).contains("PASSWORD")) {
                    assertThat(path(var, "valueFrom", "secretKeyRef", "name")).as("passwords from a Secret").isNotNull();
                }
            }
            assertConsumed(facts, names, "k8s " + module);
            assertProfilesExist(facts, (String) map(config.get("data")).get("SPRING_PROFILES_ACTIVE"), "k8s " + module);
            String[] server = ((String) map(config.get("data")).get("AXONSERVER_SERVERS")).split(":");
            assertThat(server[0]).endsWith("." + path(axonServer, "spec", "serviceName"));
            assertThat(Integer.parseInt(server[1])).isEqualTo(AXON_SERVER_GRPC_PORT);
            Map<String, Object> service = docs.stream()
                    .filter(d -> "Service".equals(d.get("kind")) && module.equals(path(d, "metadata", "name")))
                    .findFirst().orElseThrow(() -> new AssertionError("a Service for " + module));
            assertThat(map(list(path(service, "spec", "ports")).get(0)).get("port")).isEqualTo(facts.port());
        }
    }

    @Test
    void theGrafanaDashboardQueriesMetricsTheServicesRegister() throws IOException {
        String dashboard = Files.readString(ROOT.resolve("infra/grafana/kat-dashboard.json"));
        StringBuilder sources = new StringBuilder();
        for (String module : SERVICES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    sources.append(Files.readString(f));
                }
            }
        }
        Matcher m = Pattern.compile("kat_[a-z_]+").matcher(dashboard);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group());
        }
        assertThat(names).contains("kat_projection_lag_events", "kat_registrations_total", "kat_refusals_total");
        for (String name : names) {
            String meter = name.replaceAll("(_usd)?(_total|_sum|_count)$", "").replace('_', '.');
            assertThat(sources.toString()).as(name + " is registered as the meter \"" + meter + "\"").contains("\"" + meter + "\"");
        }
    }
}
