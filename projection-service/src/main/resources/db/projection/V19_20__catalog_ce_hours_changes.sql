-- Each change of a module's approved CE hours, as compliance reads it: from and to (decimal hours), from when (UTC; every
-- class day of the module starting after it earns the new hours), why, and who made it (the event's actor). The series'
-- class days not yet started at the change take its hours (catalog_series_class_day.ce_hours). One row per event, keyed
-- by its position, so an event delivered twice writes nothing. Filled from now on; changes projected before this
-- migration appear on the next rebuild of the catalog.
CREATE TABLE projection.catalog_module_ce_hours_change (
    position       BIGINT        PRIMARY KEY,
    module_code    VARCHAR(20)   NOT NULL,
    from_hours     NUMERIC(5, 2) NOT NULL,
    to_hours       NUMERIC(5, 2) NOT NULL,
    effective_from TIMESTAMPTZ   NOT NULL,
    reason         TEXT          NOT NULL,
    actor          VARCHAR(200)
);
CREATE INDEX catalog_module_ce_hours_change_module ON projection.catalog_module_ce_hours_change (module_code, position);
