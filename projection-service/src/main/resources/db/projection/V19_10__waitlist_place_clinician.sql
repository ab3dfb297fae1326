-- The registrar's waitlist names the people in line (GET /api/waitlist/series/{seriesId}: fullName, email):
-- WaitlistJoined carries the clinician sealed, opened with the PersonalDataVault as RegistrationPlaced is;
-- "[erased]" where the key is gone, and set to "[erased]" by ClinicianContactDetailsShredded (email) and
-- ClinicianCeIdentityShredded (full_name), as in projection.registration. Owned by waitlist/WaitlistProjection
-- (processing group "registrations"); places projected before this migration read null until that group's
-- next rebuild.
ALTER TABLE projection.waitlist_place ADD COLUMN full_name TEXT, ADD COLUMN email TEXT;
CREATE INDEX waitlist_place_by_clinician ON projection.waitlist_place (clinician_id);
