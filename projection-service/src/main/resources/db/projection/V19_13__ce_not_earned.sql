-- Why a module's CE hours were not earned on a class day, as the decision recorded it (ModuleCeCreditNotEarned: what
-- fell short in words, "; "-separated, e.g. "20 min away between segments (at most 10)"), on that day's attendance
-- row: NULL once the day's attendance is corrected (a new decision sets it again), or the module is earned or withdrawn.
-- Filled by the registrations projection from now on; rows projected before this migration get it on the next rebuild.
ALTER TABLE projection.registration_attendance ADD COLUMN ce_not_earned_because TEXT;
