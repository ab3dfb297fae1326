package com.polaris.kat.enrollment.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.polaris.kat.eventstore.personal.PersonalDataSecrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * A request's content fingerprint for idempotency (Stripe's semantics: the same key with other content is refused), as kept
 * with the idempotency key ({@code enrollment.idempotency_key}) and in {@code SeatTaken} / {@code WaitlistJoined}: 64
 * lower-case hex digits of HMAC-SHA-256 under the pseudonym key ({@code KAT_PERSONAL_DATA_PSEUDONYM_KEY}, at least 32 bytes;
 * the service does not start without it), over "request:", the stream id and the JSON of each part, each followed by a zero
 * byte. Keyed, because the parts hold personal data (name, e-mail, license): an unkeyed hash of them, kept in immutable events
 * and shown in the audit trail, let anyone who guessed a person's details confirm them after an erasure (product rules,
 * "Personal data": identifiers derived from personal data must not let anyone who guesses an e-mail address confirm it).
 * Under the same key as the clinician ids, kept apart from them by the "request:" prefix.
 */
@Component
public class RequestFingerprint {

    private static final byte[] PREFIX = "request:".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper json;
    private final SecretKeySpec key;

    /**
     * @param json         the web layer's mapper (the parts are serialized as the request was read)
     * @param pseudonymKey base64 of the pseudonym key; IllegalStateException when unset or shorter than 32 bytes
     */
    public RequestFingerprint(ObjectMapper json, @Value("${kat.personal-data.pseudonym-key:}") String pseudonymKey) {
        this.json = json;
        this.key = new SecretKeySpec(PersonalDataSecrets.decode(pseudonymKey, "KAT_PERSONAL_DATA_PSEUDONYM_KEY", 0), "HmacSHA256");
    }

    /**
     * @param streamId the series (or other stream) the request is for
     * @param content  the request's parts that define "the same request"
     * @return 64 lowercase hex digits
     */
    public String of(String streamId, Object... content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(PREFIX);
            mac.update(streamId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            for (Object c : content) {
                mac.update(json.writeValueAsBytes(c));
                mac.update((byte) 0);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
