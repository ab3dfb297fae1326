package com.polaris.kat.enrollment.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A request's content fingerprint for idempotency (Stripe's semantics: the same key with other
 * content is refused): SHA-256, as 64 hex digits, over the stream id and the JSON of each part.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    public static String of(ObjectMapper json, String streamId, Object... content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(streamId.getBytes(StandardCharsets.UTF_8));
            for (Object c : content) {
                sha.update(json.writeValueAsBytes(c));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
