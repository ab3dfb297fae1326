-- Compliance's clinician search (issue 16): one row per registration with the clinician's name, e-mail
-- and license, so an auditor finds a person by any of them. Owned by clinicians/ClinicianSearchProjection;
-- erasure blanks the e-mail at once and name and license when retention ends, as in projection.registration.
-- Ids as text: the widths are the API's to check (web/PathIds); a search row never parks an event the
-- registrations view can take.
CREATE TABLE projection.clinician_search (
    registration_id TEXT         PRIMARY KEY,
    position        BIGINT       NOT NULL,
    clinician_id    TEXT         NOT NULL,
    series_id       TEXT         NOT NULL,
    full_name       TEXT NOT NULL,
    email           TEXT NOT NULL,
    license_number  TEXT NOT NULL,
    license_state   VARCHAR(20)  NOT NULL,
    registered_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX clinician_search_by_clinician ON projection.clinician_search (clinician_id);
CREATE INDEX clinician_search_by_license ON projection.clinician_search (upper(license_number));
CREATE INDEX clinician_search_by_email ON projection.clinician_search (lower(email));
