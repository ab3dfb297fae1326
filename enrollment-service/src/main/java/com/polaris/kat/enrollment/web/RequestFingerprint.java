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

    /**
     * @param json     the web layer's mapper (the parts are serialized as the request was read)
     * @param streamId the series (or other stream) the request is for
     * @param content  the request's parts that define "the same request"
     * @return 64 lowercase hex digits
     */
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
