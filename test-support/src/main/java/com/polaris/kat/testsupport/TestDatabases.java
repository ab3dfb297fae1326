package com.polaris.kat.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Creates a new, empty database on the real PostgreSQL server for each caller (each Spring test
 * context), so that no test sees what an earlier run left behind. The server comes from the KAT_DB_* environment
 * (set by infra/test.sh); when that is absent, {@code infra/db.sh start} is run to get one.
 */
public final class TestDatabases {

    private static Map<String, String> server;

    private TestDatabases() {
    }

    public record Database(String url, String user, String password, String name) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        /** Arguments for an application of a test's own: a random port, the test profile, this database. */
        public String[] applicationArguments() {
            return new String[]{"--server.port=0", "--spring.profiles.active=test", "--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + user, "--spring.datasource.password=" + password};
        }
    }

    public static synchronized Database createFresh(String purpose) {
        Map<String, String> s = server();
        String name = ("t_" + purpose.replaceAll("[^A-Za-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        String base = "jdbc:postgresql://" + s.get("KAT_DB_HOST") + ":" + s.get("KAT_DB_PORT") + "/";
        try (Connection c = DriverManager.getConnection(base + "postgres", s.get("KAT_DB_USER"), s.get("KAT_DB_PASSWORD"));
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + base, e);
        }
        return new Database(base + name, s.get("KAT_DB_USER"), s.get("KAT_DB_PASSWORD"), name);
    }

    /** Points a Spring test context at a fresh database. */
    public static Database register(DynamicPropertyRegistry registry, String purpose) {
        Database db = createFresh(purpose);
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        return db;
    }

    private static Map<String, String> server() {
        if (server != null) {
            return server;
        }
        Map<String, String> env = new HashMap<>();
        if (System.getenv("KAT_DB_HOST") != null) {
            for (String k : new String[]{"KAT_DB_HOST", "KAT_DB_PORT", "KAT_DB_USER", "KAT_DB_PASSWORD"}) {
                env.put(k, System.getenv(k));
            }
        } else {
            env.putAll(runDbScript());
        }
        server = env;
        return server;
    }

    private static Map<String, String> runDbScript() {
        File dir = new File(System.getProperty("user.dir")).getAbsoluteFile();
        while (dir != null && !new File(dir, "infra/db.sh").isFile()) {
            dir = dir.getParentFile();
        }
        if (dir == null) {
            throw new IllegalStateException("KAT_DB_HOST is not set and infra/db.sh was not found above "
                    + System.getProperty("user.dir") + "; run the tests with infra/test.sh");
        }
        try {
            Process p = new ProcessBuilder("bash", new File(dir, "infra/db.sh").getPath(), "start")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<String, String> out = new HashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        out.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.containsKey("KAT_DB_HOST")) {
                throw new IllegalStateException("infra/db.sh start failed");
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("could not get a PostgreSQL server from infra/db.sh", e);
        }
    }
}
