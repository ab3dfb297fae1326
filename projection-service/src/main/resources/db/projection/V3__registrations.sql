-- Registrations as the front end, the registrar and attendance staff see them; seat availability
-- and class-day rosters are read from here. Owned by registrations/RegistrationProjection.
CREATE TABLE projection.registration (
    registration_id        VARCHAR(36)  PRIMARY KEY,
    series_id              VARCHAR(40)  NOT NULL,
    clinician_id           VARCHAR(36)  NOT NULL,
    full_name              VARCHAR(200) NOT NULL,
    email                  VARCHAR(254) NOT NULL,
    profession             VARCHAR(100) NOT NULL,
    license_number         VARCHAR(50)  NOT NULL,
    license_state          VARCHAR(2)   NOT NULL,
    ce_option              BOOLEAN      NOT NULL,
    status                 VARCHAR(10)  NOT NULL,
    registered_at          TIMESTAMPTZ  NOT NULL,
    price_due_cents        BIGINT       NOT NULL,
    paid_cents             BIGINT       NOT NULL,
    credit_applied_cents   BIGINT       NOT NULL,
    cancelled_at           TIMESTAMPTZ,
    refund_rule            VARCHAR(30),
    refund_amount_cents    BIGINT,
    credit_issued_cents    BIGINT,
    payout_status          VARCHAR(10)
);
CREATE INDEX registration_by_series ON projection.registration (series_id, status);
CREATE INDEX registration_by_clinician ON projection.registration (clinician_id);

CREATE TABLE projection.registration_make_up (
    registration_id VARCHAR(36) NOT NULL,
    module_code     VARCHAR(20) NOT NULL,
    class_day_id    VARCHAR(40) NOT NULL,
    PRIMARY KEY (registration_id, module_code)
);
CREATE INDEX registration_make_up_by_day ON projection.registration_make_up (class_day_id);

CREATE TABLE projection.registration_attendance (
    registration_id       VARCHAR(36) NOT NULL,
    class_day_id          VARCHAR(40) NOT NULL,
    module_code           VARCHAR(20) NOT NULL,
    joined_at             TIMESTAMPTZ,
    left_at               TIMESTAMPTZ,
    minutes_present       INTEGER,
    verification          VARCHAR(20) NOT NULL,
    corrected             BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (registration_id, class_day_id)
);

CREATE TABLE projection.registration_module (
    registration_id      VARCHAR(36) NOT NULL,
    module_code          VARCHAR(20) NOT NULL,
    evaluation_completed BOOLEAN     NOT NULL DEFAULT FALSE,
    ce_earned            BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (registration_id, module_code)
);
