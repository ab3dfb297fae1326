-- A series' waitlist offer window as the registrar last set it (SeriesOfferWindowChanged on the series' stream),
-- read with the series' waitlist (GET /api/waitlist/series/{seriesId}: offerWindow). A series without a row has
-- the default (48 h). Owned by waitlist/WaitlistProjection (processing group "registrations"); filled from now
-- on: a window changed before this migration is shown after the registrations projection's next rebuild.
CREATE TABLE projection.waitlist_offer_window (
    series_id            VARCHAR(40)  PRIMARY KEY,
    offer_window_minutes INTEGER      NOT NULL,
    changed_at           TIMESTAMPTZ  NOT NULL,
    changed_by           TEXT,
    reason               TEXT
);
