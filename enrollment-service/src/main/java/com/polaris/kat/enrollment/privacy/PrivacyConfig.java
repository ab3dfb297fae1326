package com.polaris.kat.enrollment.privacy;

import com.polaris.kat.eventstore.personal.PersonalDataSecrets;
import com.polaris.kat.events.enrollment.ClinicianIds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pseudonymous clinician ids under the key of {@code KAT_PERSONAL_DATA_PSEUDONYM_KEY} (none: the service does not start),
 * and the keys it replaced, comma-separated, newest first, in {@code KAT_PERSONAL_DATA_PREVIOUS_PSEUDONYM_KEYS} (optional).
 */
@Configuration
public class PrivacyConfig {

    @Bean
    ClinicianIds clinicianIds(@Value("${kat.personal-data.pseudonym-key:}") String key,
                              @Value("${kat.personal-data.previous-pseudonym-keys:}") String previous) {
        java.util.List<byte[]> old = java.util.Arrays.stream(previous.split(",")).map(String::strip).filter(k -> !k.isEmpty())
                .map(k -> PersonalDataSecrets.decode(k, "KAT_PERSONAL_DATA_PREVIOUS_PSEUDONYM_KEYS", 0)).toList();
        return new ClinicianIds(PersonalDataSecrets.decode(key, "KAT_PERSONAL_DATA_PSEUDONYM_KEY", 0), old);
    }
}
