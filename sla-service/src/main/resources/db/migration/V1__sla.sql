-- sla-service: policies, business calendars, and per-ticket clocks built from the ticket's event history.
-- (outbox and processed_message come from the platform migrations V0_1_0 / V0_2_0 on the classpath.)

CREATE TABLE sla_calendar (
    id           uuid         PRIMARY KEY,
    name         varchar(200) NOT NULL,
    timezone     varchar(64)  NOT NULL,
    -- {"mon": [{"start": "09:00", "end": "17:00"}], ...}; several intervals per day for split shifts
    weekly_hours jsonb        NOT NULL,
    -- [{"date": "2026-12-25", "name": "Christmas Day"}]
    holidays     jsonb        NOT NULL DEFAULT '[]',
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL
);

CREATE TABLE sla_policy (
    id                 uuid         PRIMARY KEY,
    name               varchar(200) NOT NULL,
    -- the first enabled policy (lowest position) whose conditions match a ticket applies
    position           integer      NOT NULL,
    enabled            boolean      NOT NULL,
    -- {"priorities": [...], "channels": [...], "customerTiers": [...], "categories": [...], "tags": [...]}; empty = any
    conditions         jsonb        NOT NULL,
    warning_thresholds integer[]    NOT NULL,
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL
);
CREATE INDEX sla_policy_order_idx ON sla_policy (position, id);

-- A row per metric a policy measures. The foreign key is what makes deleting a calendar in use a 409.
CREATE TABLE sla_policy_target (
    policy_id      uuid        NOT NULL REFERENCES sla_policy (id) ON DELETE CASCADE,
    metric         varchar(32) NOT NULL,
    target_seconds bigint      NOT NULL CHECK (target_seconds > 0),
    business_hours boolean     NOT NULL,
    calendar_id    uuid        REFERENCES sla_calendar (id),
    PRIMARY KEY (policy_id, metric),
    CHECK (business_hours = (calendar_id IS NOT NULL))
);
CREATE INDEX sla_policy_target_calendar_idx ON sla_policy_target (calendar_id);

-- What sla-service knows about a ticket (from crm.ticket.events and crm.enrichment.events), and what it last
-- published as the ticket's sla.clock_updated (so it publishes only changes). Locked FOR UPDATE by every writer
-- (consumers and the DeadlineScheduler) before it touches the ticket's clocks: one writer per ticket at a time.
CREATE TABLE sla_ticket (
    ticket_id          uuid        PRIMARY KEY,
    number             varchar(32),
    priority           varchar(16),
    channel            varchar(16),
    status             varchar(16),
    category           varchar(32),
    customer_tier      varchar(16),
    tags               text[]      NOT NULL DEFAULT '{}',
    created_at         timestamptz,
    deleted            boolean     NOT NULL DEFAULT false,
    policy_id          uuid,
    published_metric   varchar(32),
    published_deadline timestamptz,
    published_state    varchar(16),
    updated_at         timestamptz NOT NULL
);

-- The clock-relevant history of a ticket (created, status changes, public customer messages and agent replies,
-- deletion). Clocks are a pure function of this log and the policy, so they can be recomputed at any time.
CREATE TABLE sla_ticket_event (
    id        bigserial   PRIMARY KEY,
    ticket_id uuid        NOT NULL,
    kind      varchar(32) NOT NULL,
    at        timestamptz NOT NULL,
    status    varchar(16),
    event_id  uuid
);
CREATE INDEX sla_ticket_event_ticket_idx ON sla_ticket_event (ticket_id, at, id);

-- One clock per ticket, metric and cycle (next_response and resolution can run several times). Besides the
-- computed state it records what was published for it (warned thresholds, breach, met), written in the same
-- transaction as the outbox row: each event once per clock and threshold, across restarts and instances.
CREATE TABLE sla_clock (
    id             uuid        PRIMARY KEY,
    ticket_id      uuid        NOT NULL,
    metric         varchar(32) NOT NULL,
    cycle          integer     NOT NULL,
    policy_id      uuid,
    priority       varchar(16),
    target_seconds bigint      NOT NULL,
    business_hours boolean     NOT NULL,
    calendar_id    uuid,
    started_at     timestamptz NOT NULL,
    -- null while paused (the deadline is unknown until the clock runs again)
    deadline       timestamptz,
    -- running | paused | met | stopped
    status         varchar(16) NOT NULL,
    at_risk        boolean     NOT NULL DEFAULT false,
    paused_at      timestamptz,
    ended_at       timestamptz,
    elapsed_seconds bigint     NOT NULL DEFAULT 0,
    breached       boolean     NOT NULL DEFAULT false,
    -- published facts
    warned         integer[]   NOT NULL DEFAULT '{}',
    breached_at    timestamptz,
    met_published  boolean     NOT NULL DEFAULT false,
    -- the next moment the DeadlineScheduler must look at this clock (a warning or the deadline); null = never
    next_check_at  timestamptz,
    computed_at    timestamptz NOT NULL,
    UNIQUE (ticket_id, metric, cycle)
);
-- the scheduler's poll: an index-only scan of due (next_check_at, ticket_id) pairs
CREATE INDEX sla_clock_due_idx ON sla_clock (next_check_at, ticket_id) WHERE next_check_at IS NOT NULL;
CREATE INDEX sla_clock_breaches_idx ON sla_clock (breached_at DESC, id DESC) WHERE breached_at IS NOT NULL;
CREATE INDEX sla_clock_running_idx ON sla_clock (deadline, id) WHERE status = 'running';
CREATE INDEX sla_clock_started_idx ON sla_clock (started_at);

-- Defaults, so a fresh system has clocks (documented in sla-service/README.md).
INSERT INTO sla_calendar (id, name, timezone, weekly_hours, holidays, created_at, updated_at) VALUES
('00000000-0000-7000-8000-000000000ca1', 'Default business hours (Mon-Fri 09:00-17:00 UTC)', 'UTC',
 '{"mon":[{"start":"09:00","end":"17:00"}],"tue":[{"start":"09:00","end":"17:00"}],"wed":[{"start":"09:00","end":"17:00"}],"thu":[{"start":"09:00","end":"17:00"}],"fri":[{"start":"09:00","end":"17:00"}]}',
 '[]', now(), now());

INSERT INTO sla_policy (id, name, position, enabled, conditions, warning_thresholds, created_at, updated_at) VALUES
('0193a0c4-0000-7000-8000-00000000a001', 'Urgent (24/7)', 10, true, '{"priorities":["urgent"]}', '{75,90}', now(), now()),
('0193a0c4-0000-7000-8000-00000000a002', 'High', 20, true, '{"priorities":["high"]}', '{75,90}', now(), now()),
('0193a0c4-0000-7000-8000-00000000a003', 'Normal', 30, true, '{"priorities":["normal"]}', '{75,90}', now(), now()),
('0193a0c4-0000-7000-8000-00000000a004', 'Low', 40, true, '{"priorities":["low"]}', '{75,90}', now(), now());

INSERT INTO sla_policy_target (policy_id, metric, target_seconds, business_hours, calendar_id) VALUES
('0193a0c4-0000-7000-8000-00000000a001', 'first_response',  3600, false, NULL),
('0193a0c4-0000-7000-8000-00000000a001', 'next_response',   7200, false, NULL),
('0193a0c4-0000-7000-8000-00000000a001', 'resolution',     28800, false, NULL),
('0193a0c4-0000-7000-8000-00000000a002', 'first_response',  7200, true, '00000000-0000-7000-8000-000000000ca1'),
('0193a0c4-0000-7000-8000-00000000a002', 'next_response',  14400, true, '00000000-0000-7000-8000-000000000ca1'),
('0193a0c4-0000-7000-8000-00000000a002', 'resolution',     57600, true, '00000000-0000-7000-8000-000000000ca1'),
('0193a0c4-0000-7000-8000-00000000a003', 'first_response', 14400, true, '00000000-0000-7000-8000-000000000ca1'),
('0193a0c4-0000-7000-8000-00000000a003', 'next_response',  28800, true, '00000000-0000-7000-8000-000000000ca1'),
('0193a0c4-0000-7000-8000-00000000a003', 'resolution',     86400, true, '00000000-0000-7000-8000-000000000ca1'),
('0193a0c4-0000-7000-8000-00000000a004', 'first_response', 28800, true, '00000000-0000-7000-8000-000000000ca1'),
('0193a0c4-0000-7000-8000-00000000a004', 'next_response',  57600, true, '00000000-0000-7000-8000-000000000ca1'),
('0193a0c4-0000-7000-8000-00000000a004', 'resolution',    144000, true, '00000000-0000-7000-8000-000000000ca1');
