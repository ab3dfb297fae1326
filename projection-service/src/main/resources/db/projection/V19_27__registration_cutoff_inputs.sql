-- What a sold seat's on-time cancellation cutoff is counted from, beside the registration (RegistrationPlaced revision 3):
-- the refund policy version in force at the sale and the date of the series' earliest class day then. The registration's
-- view gives the cutoff a cancellation asked for now would be judged by (shared-events CancellationCutoff.ofSeat), which
-- differs from the catalog's "registration made now" once the first class day has moved earlier after the sale.
-- The version of rows projected before this migration is their series' (a series keeps the version it was scheduled
-- with); their day at sale reads NULL (the day as it stands, the rule's reading for a sale that did not record it) until
-- the registrations projection's next rebuild.
ALTER TABLE projection.registration ADD COLUMN refund_policy_version VARCHAR(10), ADD COLUMN first_class_day_at_sale DATE;
UPDATE projection.registration r SET refund_policy_version = s.refund_policy_version
FROM projection.catalog_series s WHERE s.series_id = r.series_id AND r.refund_policy_version IS NULL;
