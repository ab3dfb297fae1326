-- The unique index on event_identifier (Axon's default schema) is dropped. Nothing reads events by their identifier (the
-- audit view keeps it as a column of its own rows), and the index guards nothing the store needs: an aggregate's event
-- written twice collides on (aggregate_identifier, sequence_number), and an event without an aggregate is stored by Axon
-- with its own identifier as aggregate_identifier and sequence 0, so that index covers it too. Identifiers are random
-- UUIDs, so each append updated a random page of this index (and logged it in full after each checkpoint). Measured on
-- the project's machine (pgbench, 16 clients, a transaction appending two 1 kB events to a table shaped like this one,
-- three alternating runs of 12 s each): 2,196-2,240 transactions/s with the index, 2,418-2,512/s without it.
ALTER TABLE domain_event_entry DROP CONSTRAINT domain_event_entry_event_identifier_key;
