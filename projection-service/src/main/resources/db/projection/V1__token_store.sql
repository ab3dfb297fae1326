-- Tokens of the projection processors. They live in the same database as the projection tables,
-- and are written in the same transaction as them: a projection is exactly-once.
CREATE TABLE projection.token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);
