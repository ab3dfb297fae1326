package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.rules.Refusal;
import com.polaris.kat.eventstore.personal.PersonalDataVault;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Remembers the first request under each idempotency key. A repeat with the same content on the
 * same endpoint goes through again and the series answers with the first outcome (it already holds
 * that registration id); the same key with different content, for this or any other series, or on
 * another endpoint (e.g. a credit transfer under a registration's key), is refused with 422
 * {@code idempotency-key-reused} (Stripe's semantics: a key is scoped to its endpoint and its parameters). The
 * registration id a request resolves to is one of its parameters: a repeat that names another client-chosen id (or
 * none, where the first named one) is refused, not sent on as a new registration.
 * <p>
 * Where a first request's answer depends on what its command found (a correction that showed what the record already
 * said answers 200 {@code "recorded": false}, not 201), the command's result is kept with the claim, in the command's
 * transaction ({@link #recordOutcome}), and a repeat answers it again ({@link #repeatOf}).
 */
@Component
public class IdempotencyKeys {

    private final JdbcTemplate jdbc;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public IdempotencyKeys(JdbcTemplate jdbc, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Claims the key for this request, or checks the request is the key's first one.
     *
     * @param key            the stored key ({@code key:<Idempotency-Key>} or {@code registration:<id>}), at most 200 characters
     * @param fingerprint    64 hex digits ({@link RequestFingerprint})
     * @param seriesId       the series the request is for (at most 40 characters)
     * @param registrationId the registration id it resolves to
     * @param endpoint       the endpoint's name (e.g. {@code register}, {@code transfer}), at most 40 characters
     * @throws Refusal idempotency-key-reused (422) when the key's first request had other content, another endpoint or
     *                 another registration id
     */
    public void claim(String key, String fingerprint, String seriesId, String registrationId, String endpoint) {
        claim(key, fingerprint, seriesId, registrationId, endpoint, false);
    }

    /**
     * Whether this request repeats the key's first, completed request (same content, same
     * endpoint): the caller then answers as the first time and sends nothing. False when the key was never used.
     *
     * @throws Refusal idempotency-key-reused (422) when the key's first request had other content or another endpoint
     */
    public boolean isRepeat(String key, String fingerprint, String endpoint) {
        return repeatOf(key, fingerprint, endpoint).isPresent();
    }

    /**
     * The key's first, completed request when this request repeats it (same content, same endpoint); empty when the key
     * was never used.
     *
     * @return the first request's kept outcome ({@link Repeat#outcome()} null where none was kept: the endpoint's usual
     *         answer)
     * @throws Refusal idempotency-key-reused (422) when the key's first request had other content or another endpoint
     */
    public java.util.Optional<Repeat> repeatOf(String key, String fingerprint, String endpoint) {
        List<java.util.Map<String, Object>> first = jdbc.queryForList(
                "SELECT request_fingerprint, endpoint, outcome FROM enrollment.idempotency_key WHERE idempotency_key = ?", key);
        if (first.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (!first.get(0).get("request_fingerprint").equals(fingerprint) || !endpoint.equals(first.get(0).get("endpoint"))) {
            throw reused(key);
        }
        return java.util.Optional.of(new Repeat(outcomeOf((String) first.get(0).get("outcome"))));
    }

    /**
     * A repeat of a key's first request.
     *
     * @param outcome what the first request's command returned, where it was kept ({@link #recordOutcome}): a
     *                {@link Boolean}, {@link String} or {@link Number}, or for a {@link KeptOutcome} its JSON object read as a
     *                {@link java.util.Map} (the caller converts it to its type); null where the endpoint's answer is built
     *                from the request alone
     */
    public record Repeat(Object outcome) {
    }

    /**
     * Keeps a command's result with its key's claim, in the transaction that took the claim (so a kept claim always has
     * its outcome). Only a JSON scalar ({@link Boolean}, {@link String}, {@link Number}) or a {@link KeptOutcome} (an erasure
     * request's outcome) is kept: the endpoints that answer from a command's result answer from one of those; any other
     * result (which may hold personal data) is not kept.
     *
     * @param key     the stored key, as claimed
     * @param outcome the command's result
     */
    public void recordOutcome(String key, Object outcome) {
        if (outcome instanceof Boolean || outcome instanceof String || outcome instanceof Number || outcome instanceof KeptOutcome) {
            try {
                jdbc.update("UPDATE enrollment.idempotency_key SET outcome = ? WHERE idempotency_key = ?", json.writeValueAsString(outcome), key);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a command's outcome did not serialize", e);
            }
        }
    }

    private Object outcomeOf(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the outcome kept with an idempotency key is not JSON: " + stored, e);
        }
    }

    /** Whether a request already claimed this stored key ({@code key:<Idempotency-Key>} or {@code registration:<id>}). */
    public boolean claimed(String key) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM enrollment.idempotency_key WHERE idempotency_key = ?)",
                Boolean.class, key));
    }

    /** The refusal of a key's reuse, naming what the client sent: its Idempotency-Key, or the id it chose for the registration. */
    private static Refusal reused(String key) {
        boolean idempotencyKey = key.startsWith("key:");
        boolean registrationId = key.startsWith("registration:");
        return Refusal.invalid("idempotency-key-reused", (idempotencyKey ? "This Idempotency-Key" : registrationId ? "This registration id"
                : "This request's id") + " was first used for a different request or on another endpoint; send a new "
                + (idempotencyKey ? "key" : registrationId ? "registration id" : "id") + " for a new request.");
    }

    /**
     * {@link #claim} for a command whose repeat is answered by the caller ({@code once}): the key must be new in
     * this transaction; one that another request took meanwhile (it committed first) is 409
     * {@code idempotency-key-in-use}, and the client's retry is then answered as a repeat.
     *
     * @throws Refusal idempotency-key-reused (422); idempotency-key-in-use (409, {@code once} only)
     */
    public void claim(String key, String fingerprint, String seriesId, String registrationId, String endpoint, boolean once) {
        PersonalDataVault.LeadingInsert insert = claimInsert(key, fingerprint, seriesId, registrationId, endpoint);
        int inserted = jdbc.update(insert.sql(), insert.args().toArray());
        if (once && inserted == 0) {
            isRepeat(key, fingerprint, endpoint);
            throw Refusal.conflict("idempotency-key-in-use", "A request with this Idempotency-Key was just completed by another call;"
                    + " send it again to get its outcome.");
        }
        if (inserted == 0) {
            checkFirstRequest(key, fingerprint, registrationId, endpoint);
        }
    }

    /**
     * The claim's insert ({@code ON CONFLICT DO NOTHING}), for a caller that runs it inside a statement of its own
     * ({@link PersonalDataVault#seal(String, String, com.polaris.kat.events.enrollment.Clinician, java.time.Instant,
     * PersonalDataVault.LeadingInsert)}: a registration claims and seals in one round trip). When it inserted nothing,
     * the caller calls {@link #checkFirstRequest}. Arguments as {@link #claim(String, String, String, String, String)}.
     */
    public PersonalDataVault.LeadingInsert claimInsert(String key, String fingerprint, String seriesId, String registrationId, String endpoint) {
        return new PersonalDataVault.LeadingInsert("""
                INSERT INTO enrollment.idempotency_key (idempotency_key, request_fingerprint, series_id, registration_id, endpoint)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING""",
                java.util.Arrays.asList(key, fingerprint, seriesId, registrationId, endpoint));
    }

    /**
     * For a key that was already claimed: passes when this request repeats the key's first (same content, same
     * endpoint, same registration id), so the command runs again and answers the first outcome.
     *
     * @throws Refusal idempotency-key-reused (422) otherwise
     */
    public void checkFirstRequest(String key, String fingerprint, String registrationId, String endpoint) {
        List<java.util.Map<String, Object>> first = jdbc.queryForList(
                "SELECT request_fingerprint, endpoint, registration_id FROM enrollment.idempotency_key WHERE idempotency_key = ?", key);
        if (!first.isEmpty() && (!first.get(0).get("request_fingerprint").equals(fingerprint)
                || first.get(0).get("endpoint") != null && !first.get(0).get("endpoint").equals(endpoint)
                || !registrationId.equals(first.get(0).get("registration_id")))) {
            // another registration id than the key's first request resolved to is another request: sent on, it was a
            // second registration under one key once the first was cancelled (a fresh reviewer's find, 2026-12-01)
            throw reused(key);
        }
    }
}
