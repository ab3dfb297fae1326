-- The transcripts projection reads a module's last evaluation withdrawal at every evaluation recorded (to list an evaluation
-- recorded again after a withdrawal in the history): by registration and module, newest first. Without an index that read
-- scanned the whole history table per event: a rebuild of a million events did not finish the transcripts in 15 minutes
-- (2026-12-07 full benchmark: 91,494 sequential scans, 4.2 billion rows read).
CREATE INDEX transcript_history_by_registration ON projection.transcript_history (registration_id, module_code, position);
