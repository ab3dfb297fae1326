-- The hours a series' class day was scheduled with (SeriesScheduled), beside the hours it will earn (ce_hours): a day
-- earns the hours of its module's last change before it starts, else those it was scheduled with, so a moved day and a
-- make-up day fall back to this value, as the command side's rule does (a fresh reviewer's pending make-up row showed a
-- later change's hours). NULL for rows projected before this migration, until the next rebuild of the catalog.
ALTER TABLE projection.catalog_series_class_day ADD COLUMN scheduled_ce_hours NUMERIC(5, 2);
