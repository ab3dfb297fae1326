-- A key's stream may be a clinician's privacy stream (privacy-<uuid>, 44 characters): an erasure request claims its
-- Idempotency-Key as every other command does. Widening a VARCHAR rewrites nothing in PostgreSQL.
ALTER TABLE enrollment.idempotency_key ALTER COLUMN series_id TYPE VARCHAR(200);
