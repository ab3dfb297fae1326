package com.polaris.kat.events.enrollment;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.UUID;

/**
 * A clinician's pseudonymous id: HMAC-SHA-256 under a secret key (at least 32 bytes, from the
 * environment: {@code KAT_PERSONAL_DATA_PSEUDONYM_KEY}) of the e-mail address (trimmed,
 * lower-case), its first 16 bytes shown as a UUID (version 8, "custom"). The same person gets the
 * same id on every registration (one seat per series, one credit balance); without the key nobody
 * can recompute it from a guessed address (product rules, "Personal data"; docs/decisions.md says
 * how ids survive a rotation of the key).
 */
public final class ClinicianIds {

    private final SecretKeySpec key;

    /** @param key the pseudonym key, at least 32 bytes; IllegalArgumentException when shorter */
    public ClinicianIds(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the pseudonym key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** @return the clinician id of this e-mail address (a UUID string, 36 characters) */
    public String fromEmail(String email) {
        String normal = email.strip().toLowerCase(Locale.ROOT);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(("clinician:" + normal).getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x80); // version 8
            h[8] = (byte) ((h[8] & 0x3f) | 0x80); // IETF variant
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong()).toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
