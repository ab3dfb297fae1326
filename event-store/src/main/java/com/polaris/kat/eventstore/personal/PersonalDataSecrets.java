package com.polaris.kat.eventstore.personal;

import java.util.Base64;

/**
 * The secrets of personal data, from the environment: the master key that wraps every data key
 * ({@code KAT_PERSONAL_DATA_MASTER_KEY}, both services) and the pseudonym key of clinician ids
 * ({@code KAT_PERSONAL_DATA_PSEUDONYM_KEY}, the enrollment service). Each is base64 of at least 32
 * random bytes (the master key: exactly 32, AES-256). There is no default: a missing or short secret
 * stops the service at start-up with a message naming the variable.
 */
public final class PersonalDataSecrets {

    private PersonalDataSecrets() {
    }

    /**
     * @param value    the configured base64 text (may be null or blank)
     * @param variable the environment variable to name in the error
     * @param exact    the length required (0: at least 32 bytes)
     * @return the key bytes
     * @throws IllegalStateException when missing, not base64, or of the wrong length
     */
    public static byte[] decode(String value, String variable, int exact) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: personal data cannot be protected without it"
                    + " (base64 of 32 random bytes, e.g. `head -c 32 /dev/urandom | base64`; README, Personal data)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " is not base64", e);
        }
        if (exact > 0 ? key.length != exact : key.length < 32) {
            throw new IllegalStateException(variable + " must be " + (exact > 0 ? "exactly " + exact : "at least 32")
                    + " bytes (base64), not " + key.length);
        }
        return key;
    }
}
