-- The e-mail address as the clinician id compares it (shared-events EmailAddresses.key: case folded, the domain as IDNA 2008
-- names it), beside the address as the clinician sent it, for the clinician search: every spelling of one mailbox finds
-- the rows of its one clinician (fresh reviewers' searches missed "bücher.xn--p1ai" stored with one label encoded, and
-- compared PostgreSQL's lower case with the id's). Personal data like the address: set to NULL when the contact details
-- are erased. Filled by the two projections from now on; rows projected before this migration are NULL and searched by
-- their address until the next rebuild.
ALTER TABLE projection.clinician_search ADD COLUMN email_key TEXT;
ALTER TABLE projection.waitlist_place ADD COLUMN email_key TEXT;
CREATE INDEX clinician_search_by_email_key ON projection.clinician_search (email_key);
CREATE INDEX waitlist_place_by_email_key ON projection.waitlist_place (email_key);
