package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.eventstore.personal.PersonalDataSecrets;
import com.polaris.kat.events.enrollment.ClinicianIds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Pseudonymous clinician ids under the key of {@code KAT_PERSONAL_DATA_PSEUDONYM_KEY}; none: the service does not start. */
@Configuration
public class PrivacyConfig {

    @Bean
    ClinicianIds clinicianIds(@Value("${kat.personal-data.pseudonym-key:}") String key) {
        return new ClinicianIds(PersonalDataSecrets.decode(key, "KAT_PERSONAL_DATA_PSEUDONYM_KEY", 0));
    }
}
