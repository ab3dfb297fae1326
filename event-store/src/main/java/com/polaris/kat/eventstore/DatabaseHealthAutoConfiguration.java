package com.polaris.kat.eventstore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;

/**
 * The readiness group's database check ("db"), {@link DatabaseReachable}: a pool of its own with short timeouts.
 * Spring Boot's default borrows from the service's pool, so with PostgreSQL away a probe waited
 * for the pool's 30 s connection timeout (measured: no answer within 20 s) instead of answering
 * DOWN; the enrollment service's pool keeps its 30 s because requests queued on an aggregate's lock hold connections
 * (3 s turned registration bursts into 500s).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.actuate.autoconfigure.jdbc.DataSourceHealthContributorAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
public class DatabaseHealthAutoConfiguration {

    @Bean(name = "dbHealthIndicator", destroyMethod = "close")
    public DatabaseReachable dbHealthIndicator(DataSourceProperties db, @Value("${kat.health.db-timeout-seconds:2}") int timeoutSeconds) {
        return databaseHealth(db.determineUrl(), db.determineUsername(), db.determinePassword(), timeoutSeconds);
    }

    /** {@link DatabaseReachable} for this database, each probe waiting at most {@code timeoutSeconds}. */
    public static DatabaseReachable databaseHealth(String url, String user, String password, int timeoutSeconds) {
        return new DatabaseReachable(url, user, password, timeoutSeconds);
    }
}
