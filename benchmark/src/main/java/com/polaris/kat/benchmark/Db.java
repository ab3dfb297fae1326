package com.polaris.kat.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** The PostgreSQL server the benchmark runs against (KAT_DB_* from infra/db.sh), and its databases. */
record Db(String host, String port, String user, String password) {

    static Db fromEnvironment() {
        return new Db(env("KAT_DB_HOST"), env("KAT_DB_PORT"), env("KAT_DB_USER"), env("KAT_DB_PASSWORD"));
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set; start the benchmark with infra/bench/run.sh");
        }
        return v;
    }

    String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user, password);
    }

    /** Drops (if there) and creates an empty database. */
    void recreate(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
    }

    void drop(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** The server's version and the settings that bound write and read rates. */
    Map<String, String> facts() throws SQLException {
        Map<String, String> f = new LinkedHashMap<>();
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            f.put("version", one(s, "SELECT version()"));
            for (String setting : new String[]{"shared_buffers", "synchronous_commit", "fsync", "wal_level",
                    "commit_delay", "max_connections", "work_mem", "effective_io_concurrency"}) {
                f.put(setting, one(s, "SHOW " + setting));
            }
        }
        return f;
    }

    static String one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
