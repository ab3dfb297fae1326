-- Erasure requests whose CE identity is still kept (issue 13): the retention job's work list.
-- Pseudonymous ids and instants only.
CREATE TABLE enrollment.erasure_request (
    clinician_id          VARCHAR(36) PRIMARY KEY,
    requested_at          TIMESTAMPTZ NOT NULL,
    identity_shredded_at  TIMESTAMPTZ
);

-- db-scheduler's task table (its PostgreSQL schema): the retention job's next run survives restarts,
-- and one instance picks each run.
CREATE TABLE enrollment.scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON enrollment.scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON enrollment.scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON enrollment.scheduled_tasks (priority DESC, execution_time ASC);
