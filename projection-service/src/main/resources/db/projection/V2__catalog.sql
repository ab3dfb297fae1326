-- The catalog screen: modules, series and their class days. Owned by catalog/CatalogProjection.
CREATE TABLE projection.catalog_module (
    module_code VARCHAR(20)  PRIMARY KEY,
    title       VARCHAR(200) NOT NULL,
    ce_hours    NUMERIC(5, 2) NOT NULL
);

CREATE TABLE projection.catalog_series (
    series_id             VARCHAR(40) PRIMARY KEY,
    series_number         INTEGER     NOT NULL UNIQUE,
    capacity              INTEGER     NOT NULL,
    price_cents           BIGINT      NOT NULL,
    ce_option_price_cents BIGINT      NOT NULL,
    refund_policy_version VARCHAR(10) NOT NULL
);

CREATE TABLE projection.catalog_class_day (
    class_day_id   VARCHAR(40) PRIMARY KEY,
    module_code    VARCHAR(20) NOT NULL,
    class_date     DATE        NOT NULL,
    starts_at      TIMESTAMPTZ NOT NULL,
    ends_at        TIMESTAMPTZ NOT NULL,
    make_up_places INTEGER     NOT NULL DEFAULT 0
);

CREATE TABLE projection.catalog_series_class_day (
    series_id    VARCHAR(40)  NOT NULL REFERENCES projection.catalog_series (series_id),
    class_day_id VARCHAR(40)  NOT NULL,
    module_code  VARCHAR(20)  NOT NULL,
    module_title VARCHAR(200) NOT NULL,
    class_date   DATE         NOT NULL,
    starts_at    TIMESTAMPTZ  NOT NULL,
    ends_at      TIMESTAMPTZ  NOT NULL,
    ce_hours     NUMERIC(5, 2) NOT NULL,
    PRIMARY KEY (series_id, class_day_id)
);
CREATE INDEX catalog_series_class_day_by_day ON projection.catalog_series_class_day (class_day_id);
