-- A key is scoped to the endpoint it was first used on (Stripe's semantics, issue 14): the same key
-- on another endpoint is refused (422 idempotency-key-reused), never answered with the first
-- endpoint's outcome. Rows from before this column have no endpoint and are matched by content only.
ALTER TABLE enrollment.idempotency_key ADD COLUMN endpoint VARCHAR(40);
