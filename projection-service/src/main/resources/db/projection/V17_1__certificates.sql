-- Issued certificates (issue 17): one row per certificate version, with the modules it certifies.
-- Owned by certificates/CertificateProjection (processing group "transcripts": rebuilt with the
-- transcripts). The facts it decides from are its own copies, so a replay issues the same
-- certificates with the same codes. No personal data here: names and licenses are read from
-- projection.registration when a certificate is shown.
CREATE TABLE projection.certificate_series (
    series_id     VARCHAR(40) PRIMARY KEY,
    series_number INT         NOT NULL,
    module_codes  VARCHAR(400) NOT NULL, -- the series' modules, comma-separated, sorted
    position      BIGINT      NOT NULL
);

CREATE TABLE projection.certificate_registration (
    registration_id VARCHAR(36) PRIMARY KEY,
    series_id       VARCHAR(40) NOT NULL,
    clinician_id    VARCHAR(36) NOT NULL,
    ce_option       BOOLEAN     NOT NULL,
    cancelled       BOOLEAN     NOT NULL,
    position        BIGINT      NOT NULL  -- the last event of the registration this projection applied
);

CREATE TABLE projection.certificate_earned (
    registration_id VARCHAR(36)   NOT NULL,
    module_code     VARCHAR(20)   NOT NULL,
    module_title    VARCHAR(200)  NOT NULL,
    class_day_id    VARCHAR(40)   NOT NULL,
    class_date      DATE          NOT NULL,
    ce_hours        NUMERIC(5, 2) NOT NULL,
    position        BIGINT        NOT NULL,
    PRIMARY KEY (registration_id, module_code)
);

CREATE TABLE projection.certificate (
    code               VARCHAR(20)   PRIMARY KEY,
    registration_id    VARCHAR(36)   NOT NULL,
    version            INT           NOT NULL,
    clinician_id       VARCHAR(36)   NOT NULL,
    series_id          VARCHAR(40)   NOT NULL,
    series_number      INT           NOT NULL,
    total_hours        NUMERIC(6, 2) NOT NULL,
    first_date         DATE          NOT NULL,
    last_date          DATE          NOT NULL,
    status             VARCHAR(10)   NOT NULL, -- VALID, WITHDRAWN
    issued_at          TIMESTAMPTZ   NOT NULL,
    issued_position    BIGINT        NOT NULL,
    withdrawn_at       TIMESTAMPTZ,
    withdrawn_position BIGINT,
    withdrawn_reason   VARCHAR(500),
    UNIQUE (registration_id, version)
);
CREATE UNIQUE INDEX certificate_one_valid_per_registration ON projection.certificate (registration_id) WHERE status = 'VALID';
CREATE INDEX certificate_by_clinician ON projection.certificate (clinician_id);

CREATE TABLE projection.certificate_line (
    code         VARCHAR(20)   NOT NULL,
    module_code  VARCHAR(20)   NOT NULL,
    module_title VARCHAR(200)  NOT NULL,
    class_date   DATE          NOT NULL,
    ce_hours     NUMERIC(5, 2) NOT NULL,
    PRIMARY KEY (code, module_code)
);
