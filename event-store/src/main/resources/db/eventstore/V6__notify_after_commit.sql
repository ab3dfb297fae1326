-- Readers are no longer notified from the appending transaction (V2's statement trigger). PostgreSQL
-- serialises the commits of all transactions that NOTIFY (a global lock from the notify's pre-commit to
-- the flushed commit record): measured with pgbench on the project's machine, 16 clients appending two
-- events and committing, 3,095 transactions/s with the trigger and 6,053/s without (issue 12). The
-- writer's AppendNotifier sends the same notification on channel kat_events_appended after the commit,
-- from a connection of its own, folding the commits that happen meanwhile into one notification.
DROP TRIGGER domain_event_entry_appended ON domain_event_entry;
DROP FUNCTION notify_events_appended();
