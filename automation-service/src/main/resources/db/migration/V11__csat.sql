-- CSAT surveys. The ticket facts a survey depends on, from crm.ticket.events (consumer group automation-service-csat).
CREATE TABLE csat_ticket (
    ticket_id      uuid PRIMARY KEY,
    number         varchar(32),
    customer_id    uuid,
    channel        varchar(16),
    status         varchar(16) NOT NULL,
    tags           text[]      NOT NULL DEFAULT '{}',
    -- a public agent reply was written (else a solved ticket was closed without one: no survey)
    agent_replied  boolean     NOT NULL DEFAULT false,
    last_agent_id  varchar(64)
);

-- One survey per ticket: scheduled a configured time after the ticket is solved, then sent (or skipped, with the
-- reason); the rating can change until the ticket is closed.
CREATE TABLE csat_survey (
    id            uuid PRIMARY KEY,
    ticket_id     uuid         NOT NULL UNIQUE,
    status        varchar(16)  NOT NULL CHECK (status IN ('scheduled', 'sent', 'skipped')),
    due_at        timestamptz  NOT NULL,
    customer_id   uuid,
    agent_id      varchar(64),
    scale         varchar(16),
    sent_at       timestamptz,
    expires_at    timestamptz,
    skip_reason   varchar(200),
    rating        varchar(4),
    score         integer,
    comment       varchar(2000),
    rated_at      timestamptz,
    closed        boolean      NOT NULL DEFAULT false
);
CREATE INDEX csat_survey_due ON csat_survey (due_at) WHERE status = 'scheduled';
CREATE INDEX csat_survey_customer ON csat_survey (customer_id, sent_at) WHERE status = 'sent';
