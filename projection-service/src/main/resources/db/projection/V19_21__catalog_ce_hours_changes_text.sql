-- The CE hours history's text columns are unbounded, as every view's are (the command side bounds what it accepts; a view
-- that refused a longer value would park the event). V19_20 had made them VARCHAR.
ALTER TABLE projection.catalog_module_ce_hours_change ALTER COLUMN module_code TYPE TEXT, ALTER COLUMN actor TYPE TEXT;
