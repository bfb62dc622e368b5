-- Read model of agent-service's agents (crm.agent.events). The id is the agent's Keycloak subject.
-- Assignments lock an agent's row (SELECT ... FOR UPDATE) before counting their load, so two tickets
-- arriving at once can never both take an agent's last free slot.
CREATE TABLE agent_profile (
    id                     uuid         PRIMARY KEY,
    display_name           varchar(201) NOT NULL,
    role                   varchar(16)  NOT NULL,
    seniority              varchar(16)  NOT NULL,
    skills                 text[]       NOT NULL DEFAULT '{}',
    languages              text[]       NOT NULL DEFAULT '{}',
    max_concurrent_tickets integer      NOT NULL CHECK (max_concurrent_tickets >= 0),
    accepts_new            boolean      NOT NULL,
    status                 varchar(16)  NOT NULL,
    status_changed_at      timestamptz  NOT NULL,
    timezone               varchar(64)  NOT NULL,
    work_days              text[],
    work_start             time,
    work_end               time,
    active                 boolean      NOT NULL,
    -- fairness: the agent who waited longest for a ticket wins a tie
    last_assigned_at       timestamptz,
    updated_at             timestamptz  NOT NULL
);

-- Read model of tickets (crm.ticket.events + crm.enrichment.events). Enrichment may arrive first (another
-- topic), so every column but the id is nullable; status is null until ticket.created was seen.
CREATE TABLE ticket (
    id                uuid         PRIMARY KEY,
    number            varchar(32),
    subject           varchar(300),
    status            varchar(16),
    priority          varchar(16),
    channel           varchar(16),
    customer_id       uuid,
    language          varchar(35),
    tags              text[]       NOT NULL DEFAULT '{}',
    category          varchar(32),
    customer_tier     varchar(16),
    churn_risk        double precision,
    churn_risk_level  varchar(16),
    created_at        timestamptz,
    deleted           boolean      NOT NULL DEFAULT false,
    -- the queue: set while the ticket waits for an agent, with the reason nobody took it
    waiting_since     timestamptz,
    waiting_reason    varchar(500),
    -- the agent who sent it back to the queue: auto-assignment does not hand it straight back to them
    returned_by       uuid,
    -- 0 = urgent ... 3 = low: the queue's first sort key
    urgency_rank      smallint     GENERATED ALWAYS AS (CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1
                                       WHEN 'normal' THEN 2 ELSE 3 END) STORED,
    updated_at        timestamptz  NOT NULL
);
CREATE INDEX ticket_queue_idx ON ticket (urgency_rank, waiting_since, id) WHERE waiting_since IS NOT NULL;
CREATE INDEX ticket_customer_idx ON ticket (customer_id);

-- Every assignment a ticket ever had; rows are never overwritten except to end them (status, ended_at).
CREATE TABLE ticket_assignment (
    id               uuid          PRIMARY KEY,
    ticket_id        uuid          NOT NULL REFERENCES ticket (id),
    agent_id         uuid          NOT NULL REFERENCES agent_profile (id),
    status           varchar(16)   NOT NULL CHECK (status IN ('assigned', 'accepted', 'in_progress', 'completed',
                                       'transferred', 'unassigned')),
    assigned_by_type varchar(16)   NOT NULL CHECK (assigned_by_type IN ('system', 'agent')),
    assigned_by_id   varchar(64),
    reason           varchar(16)   NOT NULL CHECK (reason IN ('auto', 'manual', 'self', 'transfer')),
    score            double precision,
    forced           boolean       NOT NULL DEFAULT false,
    note             varchar(1000),
    previous_agent_id uuid,
    assigned_at      timestamptz   NOT NULL,
    accepted_at      timestamptz,
    ended_at         timestamptz,
    end_reason       varchar(32)
);
-- The last guard against double assignment (two instances, two requests): one active assignment per ticket.
CREATE UNIQUE INDEX ticket_assignment_one_active_uq ON ticket_assignment (ticket_id)
    WHERE status IN ('assigned', 'accepted', 'in_progress');
CREATE INDEX ticket_assignment_agent_active_idx ON ticket_assignment (agent_id)
    WHERE status IN ('assigned', 'accepted', 'in_progress');
CREATE INDEX ticket_assignment_history_idx ON ticket_assignment (ticket_id, assigned_at);
