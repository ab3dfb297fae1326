-- Why a module's CE hours were not earned (or were withdrawn) on a class day, as the decision recorded it
-- (ModuleCeCreditNotEarned, ModuleCeCreditRevoked revision 3: what fell short in words, "; "-separated, e.g. "20 min
-- away between segments (at most 10)"), on that day's attendance row: NULL once the day's times are corrected (a new
-- decision sets it again), or the module is earned. And the day the module's latest CE decision names, on the module:
-- a module is decided over all its days (its series' day and a make-up day), so the reads show the day its hours were
-- earned on, and say which day a not-earned or withdrawn decision was about.
-- Filled by the registrations projection from now on; rows projected before this migration get them on the next rebuild.
ALTER TABLE projection.registration_attendance ADD COLUMN ce_not_earned_because TEXT;
ALTER TABLE projection.registration_module ADD COLUMN decided_class_day_id VARCHAR(40);
