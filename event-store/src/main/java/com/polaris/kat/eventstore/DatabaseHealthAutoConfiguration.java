package com.polaris.kat.eventstore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.util.Properties;

/**
 * The readiness group's database check ("db"), on a connection of its own with short timeouts.
 * Spring Boot's default borrows from the service's pool, so with PostgreSQL away a probe waited
 * for the pool's 30 s connection timeout (measured: no answer within 20 s) instead of answering
 * DOWN; the pool keeps its 30 s because requests queued on an aggregate's lock hold connections
 * (3 s turned registration bursts into 500s). One short connection per probe is cheap.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.actuate.autoconfigure.jdbc.DataSourceHealthContributorAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
public class DatabaseHealthAutoConfiguration {

    @Bean(name = "dbHealthIndicator")
    public HealthIndicator dbHealthIndicator(DataSourceProperties db, @Value("${kat.health.db-timeout-seconds:2}") int timeoutSeconds) {
        return databaseHealth(db.determineUrl(), db.determineUsername(), db.determinePassword(), timeoutSeconds);
    }

    public static HealthIndicator databaseHealth(String url, String user, String password, int timeoutSeconds) {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url, user, password);
        Properties timeouts = new Properties();
        timeouts.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        timeouts.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        timeouts.setProperty("socketTimeout", String.valueOf(timeoutSeconds));
        dataSource.setConnectionProperties(timeouts);
        return new DataSourceHealthIndicator(dataSource, "SELECT 1");
    }
}
