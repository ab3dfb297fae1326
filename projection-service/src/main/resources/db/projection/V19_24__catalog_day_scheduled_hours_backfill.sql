-- The hours a day was scheduled with, for rows projected before V19_23, where they can be known: a day no change with an
-- instant reached (none before its start) still holds the hours it was scheduled with (every change with an instant is in
-- the history table, which came with them). Other rows keep NULL (the rule falls back to the hours they show) until the
-- next rebuild of the catalog.
UPDATE projection.catalog_series_class_day s SET scheduled_ce_hours = s.ce_hours
WHERE s.scheduled_ce_hours IS NULL AND NOT EXISTS (SELECT 1 FROM projection.catalog_module_ce_hours_change c
    WHERE c.module_code = s.module_code AND c.effective_from < s.starts_at);
