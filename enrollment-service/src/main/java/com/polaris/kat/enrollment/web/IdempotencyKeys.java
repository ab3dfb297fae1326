package com.polaris.kat.enrollment.web;

import com.polaris.kat.enrollment.rules.Refusal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Remembers the first request under each idempotency key. A repeat with the same content goes
 * through again and the series answers with the first outcome (it already holds that registration
 * id); the same key with different content, for this or any other series, is refused.
 */
@Component
public class IdempotencyKeys {

    private final JdbcTemplate jdbc;

    public IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void claim(String key, String fingerprint, String seriesId, String registrationId) {
        jdbc.update("""
                INSERT INTO enrollment.idempotency_key (idempotency_key, request_fingerprint, series_id, registration_id)
                VALUES (?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING""", key, fingerprint, seriesId, registrationId);
        List<String> first = jdbc.queryForList("SELECT request_fingerprint FROM enrollment.idempotency_key WHERE idempotency_key = ?",
                String.class, key);
        if (!first.isEmpty() && !first.get(0).equals(fingerprint)) {
            throw Refusal.invalid("idempotency-key-reused", "This Idempotency-Key was first used for a different request; "
                    + "send a new key for a new request.");
        }
    }
}
