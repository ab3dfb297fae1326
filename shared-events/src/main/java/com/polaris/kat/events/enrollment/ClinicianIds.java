package com.polaris.kat.events.enrollment;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * A clinician's pseudonymous id: HMAC-SHA-256 under a secret key (at least 32 bytes, from the
 * environment: {@code KAT_PERSONAL_DATA_PSEUDONYM_KEY}) of the e-mail address as one mailbox is compared
 * ({@link EmailAddresses#key}: trimmed, lower-case, an encoded international domain decoded), its first 16 bytes shown as a UUID (version 8, "custom"). The same person gets the
 * same id on every registration (one seat per series, one credit balance); without the key nobody
 * can recompute it from a guessed address (product rules, "Personal data").
 * <p>
 * Rotation (docs/decisions.md): the previous keys stay configured
 * ({@code KAT_PERSONAL_DATA_PREVIOUS_PSEUDONYM_KEYS}); {@link #candidates} gives the address's id
 * under the current key first, then under each previous key, and the service keeps the id the
 * clinician already has (enrollment-service {@code ClinicianIdResolver}); a new clinician gets the
 * current key's id.
 */
public final class ClinicianIds {

    private final SecretKeySpec key;
    private final java.util.List<SecretKeySpec> previous;

    /** @param key the pseudonym key, at least 32 bytes; IllegalArgumentException when shorter */
    public ClinicianIds(byte[] key) {
        this(key, java.util.List.of());
    }

    /**
     * @param key      the current pseudonym key, at least 32 bytes
     * @param previous keys used before a rotation, newest first (each at least 32 bytes)
     */
    public ClinicianIds(byte[] key, java.util.List<byte[]> previous) {
        this.key = spec(key);
        this.previous = previous.stream().map(ClinicianIds::spec).toList();
    }

    private static SecretKeySpec spec(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the pseudonym key must be at least 32 bytes");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    /** @return the clinician id of this e-mail address under the current key (a UUID string, 36 characters) */
    public String fromEmail(String email) {
        return id(key, email);
    }

    /** @return the address's id under the current key, then under each previous key (no duplicates) */
    public java.util.List<String> candidates(String email) {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        ids.add(id(key, email));
        previous.forEach(k -> ids.add(id(k, email)));
        return java.util.List.copyOf(ids);
    }

    private static String id(SecretKeySpec key, String email) {
        String normal = EmailAddresses.key(email);
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
