-- Facts from every topic and the aggregates kept from them (analytics-service/README.md, "Definitions").
-- Every table below is written only by the consumers (and the rebuild, which fills copies of them in the schema
-- analytics_rebuild and swaps them in): RebuildService.TABLES lists them.

-- ticket_fact: one row per ticket. Columns fed by crm.ticket.events (in order per ticket) are disjoint from those
-- fed by other topics (assignment, enrichment), so whichever topic arrives first, the row converges.
ALTER TABLE ticket_fact
    ALTER COLUMN status     DROP NOT NULL,
    ALTER COLUMN priority   DROP NOT NULL,
    ALTER COLUMN channel    DROP NOT NULL,
    ALTER COLUMN created_at DROP NOT NULL,
    ALTER COLUMN updated_at DROP NOT NULL,
    ADD COLUMN customer_id        uuid,
    ADD COLUMN status_since       timestamptz,
    ADD COLUMN new_seconds        bigint  NOT NULL DEFAULT 0,
    ADD COLUMN open_seconds       bigint  NOT NULL DEFAULT 0,
    ADD COLUMN pending_seconds    bigint  NOT NULL DEFAULT 0,
    ADD COLUMN on_hold_seconds    bigint  NOT NULL DEFAULT 0,
    ADD COLUMN first_reply_at     timestamptz,
    ADD COLUMN first_reply_agent  varchar(64),
    ADD COLUMN last_reply_agent   varchar(64),
    ADD COLUMN awaiting_since     timestamptz,
    ADD COLUMN public_replies     integer NOT NULL DEFAULT 0,
    ADD COLUMN notes              integer NOT NULL DEFAULT 0,
    ADD COLUMN customer_messages  integer NOT NULL DEFAULT 0,
    ADD COLUMN first_resolved_at  timestamptz,
    ADD COLUMN resolved_at        timestamptz,
    ADD COLUMN resolved_by        varchar(64),
    ADD COLUMN one_touch          boolean,
    ADD COLUMN reopen_count       integer NOT NULL DEFAULT 0,
    ADD COLUMN deleted_at         timestamptz,
    -- crm.assignment.events
    ADD COLUMN assignee_id        varchar(64),
    ADD COLUMN assignee_since     timestamptz,
    -- crm.enrichment.events (the newest snapshot by enrichedAt)
    ADD COLUMN category           varchar(16),
    ADD COLUMN sentiment          varchar(16),
    ADD COLUMN churn_risk         double precision,
    ADD COLUMN churn_level        varchar(16),
    ADD COLUMN customer_tier      varchar(16),
    ADD COLUMN enriched_at        timestamptz;
CREATE INDEX ticket_fact_first_resolved_idx ON ticket_fact (first_resolved_at) WHERE first_resolved_at IS NOT NULL;
CREATE INDEX ticket_fact_resolved_idx ON ticket_fact (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX ticket_fact_customer_idx ON ticket_fact (customer_id, created_at);
CREATE INDEX ticket_fact_unresolved_idx ON ticket_fact (status) WHERE status NOT IN ('solved', 'closed');

-- every closed status interval of every ticket (the event that closed it is the key)
CREATE TABLE ticket_status_interval (
    event_id   uuid        PRIMARY KEY,
    ticket_id  uuid        NOT NULL,
    status     varchar(16) NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz NOT NULL,
    seconds    bigint      NOT NULL
);
CREATE INDEX ticket_status_interval_ticket_idx ON ticket_status_interval (ticket_id, started_at);

-- every message: author and public/internal (no text)
CREATE TABLE message_fact (
    message_id  uuid        PRIMARY KEY,
    ticket_id   uuid        NOT NULL,
    author_type varchar(16) NOT NULL,
    author_id   varchar(64),
    direction   varchar(16) NOT NULL,
    internal    boolean     NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX message_fact_ticket_idx ON message_fact (ticket_id, created_at);
CREATE INDEX message_fact_author_idx ON message_fact (author_id, created_at);

-- every assignment event (assigned, accepted, transferred, unassigned, completed)
CREATE TABLE assignment_fact (
    event_id      uuid        PRIMARY KEY,
    ticket_id     uuid        NOT NULL,
    kind          varchar(16) NOT NULL,
    agent_id      varchar(64),
    from_agent_id varchar(64),
    at            timestamptz NOT NULL
);
CREATE INDEX assignment_fact_ticket_idx ON assignment_fact (ticket_id, at);

-- who holds each ticket now (for handling time): ordered by time, so a late event never reopens a closed hold
CREATE TABLE ticket_hold (
    ticket_id uuid        PRIMARY KEY,
    agent_id  varchar(64),
    since     timestamptz NOT NULL
);

-- SLA outcome per clock: met or breached (a breached clock that is met later stays breached)
CREATE TABLE sla_outcome (
    ticket_id   uuid        NOT NULL,
    metric      varchar(24) NOT NULL,
    clock_id    uuid        NOT NULL,
    policy_id   varchar(64),
    deadline    timestamptz,
    met_at      timestamptz,
    breached_at timestamptz,
    breached    boolean     NOT NULL,
    outcome_at  timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, metric, clock_id)
);
CREATE INDEX sla_outcome_at_idx ON sla_outcome (outcome_at);

-- presence: the open interval per agent, and every closed one
CREATE TABLE presence_state (
    agent_id     varchar(64) PRIMARY KEY,
    online_since timestamptz,
    last_at      timestamptz NOT NULL
);
CREATE TABLE presence_interval (
    event_id   uuid        PRIMARY KEY,
    agent_id   varchar(64) NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz NOT NULL,
    seconds    bigint      NOT NULL
);
CREATE INDEX presence_interval_agent_idx ON presence_interval (agent_id, started_at);

-- agents (team for the team view and the leaderboard); the newest profile by updatedAt
CREATE TABLE agent_dim (
    agent_id   varchar(64)  PRIMARY KEY,
    name       varchar(201),
    team       varchar(100),
    department varchar(100),
    role       varchar(16),
    active     boolean      NOT NULL DEFAULT true,
    updated_at timestamptz  NOT NULL
);

-- customers: tier only (no e-mail, no name), and merges (source → target)
CREATE TABLE customer_dim (
    customer_id uuid        PRIMARY KEY,
    tier        varchar(16),
    updated_at  timestamptz NOT NULL
);
CREATE TABLE customer_merge (
    source_customer_id uuid        PRIMARY KEY,
    target_customer_id uuid        NOT NULL,
    merged_at          timestamptz NOT NULL
);

-- one row per agent per UTC day, every column a sum kept incrementally by the consumers
CREATE TABLE agent_daily_metrics (
    agent_id            varchar(64) NOT NULL,
    day                 date        NOT NULL,
    tickets_assigned    bigint      NOT NULL DEFAULT 0,
    transfers_in        bigint      NOT NULL DEFAULT 0,
    transfers_out       bigint      NOT NULL DEFAULT 0,
    tickets_solved      bigint      NOT NULL DEFAULT 0,
    one_touch_solved    bigint      NOT NULL DEFAULT 0,
    resolution_seconds  bigint      NOT NULL DEFAULT 0,
    reopened            bigint      NOT NULL DEFAULT 0,
    messages_sent       bigint      NOT NULL DEFAULT 0,
    notes_added         bigint      NOT NULL DEFAULT 0,
    first_replies       bigint      NOT NULL DEFAULT 0,
    first_reply_seconds bigint      NOT NULL DEFAULT 0,
    next_replies        bigint      NOT NULL DEFAULT 0,
    next_reply_seconds  bigint      NOT NULL DEFAULT 0,
    online_seconds      bigint      NOT NULL DEFAULT 0,
    handling_seconds    bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (agent_id, day)
);
CREATE INDEX agent_daily_metrics_day_idx ON agent_daily_metrics (day);

-- live ticket counts by status, channel and priority (the summary), kept as tickets are created, move and are
-- deleted; seeded here from the tickets V1 already counted
CREATE TABLE ticket_count (
    dimension varchar(16) NOT NULL,
    value     varchar(24) NOT NULL,
    tickets   bigint      NOT NULL,
    PRIMARY KEY (dimension, value)
);
INSERT INTO ticket_count (dimension, value, tickets)
SELECT 'status', status, count(*) FROM ticket_fact GROUP BY status
UNION ALL SELECT 'channel', channel, count(*) FROM ticket_fact GROUP BY channel
UNION ALL SELECT 'priority', priority, count(*) FROM ticket_fact GROUP BY priority;
UPDATE ticket_fact SET status_since = created_at;
