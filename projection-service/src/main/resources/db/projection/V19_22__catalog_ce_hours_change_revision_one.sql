-- A change of a module's CE hours recorded before 2026-12-06 (ModuleCeHoursChanged revision 1) names no instant it applies
-- from: it applied to series scheduled after it, which carry its hours in their own rows. Its row has effective_from NULL.
ALTER TABLE projection.catalog_module_ce_hours_change ALTER COLUMN effective_from DROP NOT NULL;
