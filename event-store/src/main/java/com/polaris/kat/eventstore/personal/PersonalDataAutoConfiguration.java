package com.polaris.kat.eventstore.personal;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * The personal data keys both services read (schema {@code personal_data}, its own Flyway history;
 * in both event store modes, since the keys are never in the event store) and the
 * {@link PersonalDataVault}, whose master key comes from {@code kat.personal-data.master-key}
 * ({@code KAT_PERSONAL_DATA_MASTER_KEY}); without it the service does not start.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration")
public class PersonalDataAutoConfiguration {

    @Bean
    public PersonalDataVault personalDataVault(DataSource dataSource,
                                               @Value("${kat.personal-data.master-key:}") String masterKey) {
        byte[] key = PersonalDataSecrets.decode(masterKey, "KAT_PERSONAL_DATA_MASTER_KEY", 32);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/personaldata")
                .schemas("personal_data")
                .createSchemas(true)
                .table("flyway_personal_data_history")
                .group(true) // all pending migrations in one transaction, as the services' own (docs/decisions.md)
                .load()
                .migrate();
        return new PersonalDataVault(new JdbcTemplate(dataSource), key);
    }
}
