-- V9's time stamp check let through what PostgreSQL reads as an instant but Axon's reader does not: the hour 24
-- (2026-12-05T24:00:00Z, PostgreSQL's next midnight) and a 60th second at any minute (12:30:60Z). A fresh reviewer's row
-- with 24:00:00Z held the audit projection in a retry loop for good. The check now takes each field in the ranges Java's
-- ISO-8601 reader takes (month 01-12, day 01-31, hour 00-23, minute and second 00-59, up to nine fraction digits, 'Z'),
-- and the cast still refuses a day its month does not have (2026-02-30). NOT VALID, as V9: rows already stored are not
-- checked.
ALTER TABLE domain_event_entry DROP CONSTRAINT domain_event_entry_time_stamp_is_an_instant;
ALTER TABLE domain_event_entry ADD CONSTRAINT domain_event_entry_time_stamp_is_an_instant
    CHECK (time_stamp ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?Z$'
           AND (time_stamp::timestamptz) IS NOT NULL) NOT VALID;
