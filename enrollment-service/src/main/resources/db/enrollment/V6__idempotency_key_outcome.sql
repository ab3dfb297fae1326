-- What a key's first request answered, where the answer depends on what the command found (e.g. a
-- correction that showed what the record already said: 200 "recorded": false), as JSON. A repeat of
-- the key answers it again instead of the endpoint's usual 201. NULL: the answer is the endpoint's
-- usual one, built from the request alone (every row from before this column).
ALTER TABLE enrollment.idempotency_key ADD COLUMN outcome TEXT;
