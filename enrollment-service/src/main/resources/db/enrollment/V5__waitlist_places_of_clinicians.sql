-- Waitlist places by clinician, kept by the command side's erasure-waitlist processor
-- (waitlist/ErasedClinicianPlaces): an erasure request ends the clinician's places on every series.
-- Pseudonymous ids only.
CREATE TABLE enrollment.waitlist_place_of_clinician (
    series_id    TEXT NOT NULL,
    place_id     TEXT NOT NULL,
    clinician_id TEXT NOT NULL,
    PRIMARY KEY (series_id, place_id)
);
CREATE INDEX waitlist_place_of_clinician_by_clinician ON enrollment.waitlist_place_of_clinician (clinician_id);
