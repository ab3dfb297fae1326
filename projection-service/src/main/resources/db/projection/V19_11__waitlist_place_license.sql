-- Compliance finds a clinician only ever on a waitlist by license number too (GET /api/clinicians?q=): WaitlistJoined
-- carries the license sealed with the name (the identity key), so the place keeps license_number and license_state
-- beside full_name, set to "[erased]" with it by ClinicianCeIdentityShredded. Owned by waitlist/WaitlistProjection
-- (processing group "registrations"); places projected before this migration read null until that group's next rebuild.
ALTER TABLE projection.waitlist_place ADD COLUMN license_number TEXT, ADD COLUMN license_state TEXT;
