-- issue 15: daily and weekly team summaries (volume, backlog, SLA breaches and compliance, top categories), computed
-- from what the alert consumer already reads. The facts they count:
-- when a ticket was opened (ticket.created) and its category (enrichment.ticket_enriched)
ALTER TABLE alert_ticket ADD COLUMN created_at timestamptz;
ALTER TABLE alert_ticket ADD COLUMN category varchar(32);
CREATE INDEX alert_ticket_created ON alert_ticket (created_at);

-- how SLA clocks ended: 'breached' (sla.breached) or 'met' (sla.met on time); one row per event
CREATE TABLE alert_sla_outcome (
    event_id  uuid PRIMARY KEY,
    ticket_id uuid NOT NULL,
    metric    varchar(32),
    outcome   varchar(16) NOT NULL,
    at        timestamptz NOT NULL
);
CREATE INDEX alert_sla_outcome_at ON alert_sla_outcome (at);

-- a summary an admin configured: a team (null = every team), daily or weekly at a local time in a time zone (weekly:
-- on a day), to Slack channels and/or e-mail addresses. last_period_end = the end of the last period queued: each
-- period is queued once, also across restarts and instances (the row is locked while a period is claimed).
CREATE TABLE team_summary (
    id              uuid PRIMARY KEY,
    name            varchar(100) NOT NULL,
    team            varchar(200),
    period          varchar(8) NOT NULL,
    local_time      varchar(5) NOT NULL,
    time_zone       varchar(64) NOT NULL,
    day_of_week     varchar(9),
    enabled         boolean NOT NULL DEFAULT true,
    destinations    jsonb NOT NULL,
    last_period_end timestamptz,
    version         bigint NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      varchar(64) NOT NULL
);
CREATE UNIQUE INDEX team_summary_name ON team_summary (lower(name));

-- one summary of one period for one destination, rendered when the period was claimed, sent (and retried) after
CREATE TABLE summary_send (
    id               uuid PRIMARY KEY,
    summary_id       uuid NOT NULL,
    period_end       timestamptz NOT NULL,
    destination_type varchar(16) NOT NULL,
    destination      varchar(320) NOT NULL,
    subject          varchar(300) NOT NULL,
    body             text NOT NULL,
    status           varchar(16) NOT NULL,
    attempts         int NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       varchar(500),
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    UNIQUE (summary_id, period_end, destination_type, destination)
);
CREATE INDEX summary_send_pending ON summary_send (next_attempt_at) WHERE status = 'pending';
