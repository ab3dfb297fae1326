-- Personal data that was erased reads as "[erased]" (issue 13): the license state column takes it.
ALTER TABLE projection.registration ALTER COLUMN license_state TYPE VARCHAR(20);
