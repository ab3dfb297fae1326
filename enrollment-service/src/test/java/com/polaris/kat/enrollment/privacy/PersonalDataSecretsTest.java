package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.eventstore.personal.PersonalDataAutoConfiguration;
import com.polaris.kat.eventstore.personal.PersonalDataSecrets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A missing or short personal data secret stops the service at start-up, naming the variable to set. */
class PersonalDataSecretsTest {

    @Test
    void aMissingOrShortSecretIsRefusedWithTheVariablesName() {
        assertThatThrownBy(() -> PersonalDataSecrets.decode(null, "KAT_PERSONAL_DATA_MASTER_KEY", 32))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KAT_PERSONAL_DATA_MASTER_KEY is not set");
        assertThatThrownBy(() -> PersonalDataSecrets.decode(" ", "KAT_PERSONAL_DATA_PSEUDONYM_KEY", 0))
                .hasMessageContaining("KAT_PERSONAL_DATA_PSEUDONYM_KEY is not set");
        assertThatThrownBy(() -> PersonalDataSecrets.decode(Base64.getEncoder().encodeToString(new byte[16]), "K", 0))
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> PersonalDataSecrets.decode(Base64.getEncoder().encodeToString(new byte[33]), "K", 32))
                .hasMessageContaining("exactly 32");
        assertThatThrownBy(() -> PersonalDataSecrets.decode("not base64!", "K", 0)).hasMessageContaining("not base64");
        assertThat(PersonalDataSecrets.decode(Base64.getEncoder().encodeToString(new byte[32]), "K", 32)).hasSize(32);
    }

    @Test
    void neitherServiceStartsWithoutItsSecrets() {
        new ApplicationContextRunner()
                .withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/never-connected"))
                .withUserConfiguration(PersonalDataAutoConfiguration.class)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("KAT_PERSONAL_DATA_MASTER_KEY is not set"));
        new ApplicationContextRunner()
                .withUserConfiguration(PrivacyConfig.class)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("KAT_PERSONAL_DATA_PSEUDONYM_KEY is not set"));
    }
}
