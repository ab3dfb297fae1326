package com.polaris.kat.eventstore;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The readiness group's database check ("db"): {@code SELECT 1} on a pool of its own (HikariCP, one connection, kept
 * while probes come, closed after ten idle minutes), so neither the service's pool and its 30 s connection timeout nor a
 * new connection per probe stands in the way: while PostgreSQL refuses connections a probe is DOWN after 0.25 s (the
 * wait for the pool's connection); a connection that does not answer is given up after the timeout (2 s by default,
 * {@code kat.health.db-timeout-seconds}); with PostgreSQL up a probe costs one round trip.
 * <p>
 * DOWN carries the failure's type as detail {@code error}. It is logged once when the check goes DOWN (WARN, one line,
 * no stack trace) and once when it is UP again (INFO): Spring's {@code DataSourceHealthIndicator}, used before, logged each
 * failed probe at WARN with its stack trace of ~180 lines (a fresh reviewer: 91 % of the services' log lines during an 88 s
 * outage), and opened a connection for every probe.
 */
public final class DatabaseReachable implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseReachable.class);

    private final HikariDataSource pool;
    private final AtomicBoolean down = new AtomicBoolean();

    /**
     * @param url            the service's JDBC URL (PostgreSQL)
     * @param timeoutSeconds how long a probe may wait to connect, log in or for the answer (at least 1)
     */
    public DatabaseReachable(String url, String user, String password, int timeoutSeconds) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("kat-health");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        // how long a probe waits for the pool's connection: Hikari's least, 250 ms. While PostgreSQL refuses connections a
        // probe waits that long, not its whole timeout (with 2 s a fresh reviewer's probes took 2.0 s each; Kubernetes'
        // default probe timeout is 1 s); a new connection's connect and login still have timeoutSeconds.
        config.setConnectionTimeout(250);
        config.setValidationTimeout(250);
        config.setInitializationFailTimeout(-1); // the service starts while the database is away; the probe says so
        config.addDataSourceProperty("connectTimeout", String.valueOf(timeoutSeconds));
        config.addDataSourceProperty("loginTimeout", String.valueOf(timeoutSeconds));
        config.addDataSourceProperty("socketTimeout", String.valueOf(timeoutSeconds));
        this.pool = new HikariDataSource(config);
    }

    @Override
    public Health health() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        } catch (Exception e) {
            if (down.compareAndSet(false, true)) {
                log.warn("The readiness check cannot reach the database ({}); readiness is DOWN until it can", e.toString());
            }
            return Health.down().withDetail("error", e.getClass().getName()).build();
        }
        if (down.compareAndSet(true, false)) {
            log.info("The readiness check reaches the database again");
        }
        return Health.up().build();
    }

    /** Closes the check's pool (with the service). */
    @Override
    public void close() {
        pool.close();
    }
}
