-- Why a module's CE hours were not earned, as the decision recorded it (ModuleCeCreditNotEarned: what fell short in
-- words, "; "-separated, e.g. "20 min away between segments (at most 10)"); NULL when earned, withdrawn or undecided.
-- Filled by the registrations projection from now on; rows projected before this migration get it on the next rebuild.
ALTER TABLE projection.registration_module ADD COLUMN ce_not_earned_because TEXT;
