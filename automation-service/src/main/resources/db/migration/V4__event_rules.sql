-- Event rules: "when a ticket is created / updated / a customer message arrives, and conditions hold -> actions".

-- What event-rule conditions look at, beside status/priority/tags (crm.ticket.events).
ALTER TABLE rule_ticket
    ADD COLUMN channel         varchar(16),
    ADD COLUMN category        varchar(64),
    ADD COLUMN language        varchar(16),
    ADD COLUMN subject         text,
    -- the newest customer text: the description at creation, then each public customer message (<= 10,000 chars)
    ADD COLUMN last_text       text,
    ADD COLUMN customer_id     uuid,
    ADD COLUMN customer_email  varchar(320),
    ADD COLUMN created_at      timestamptz;
-- "requester's previous tickets": counted per customer, by creation time
CREATE INDEX rule_ticket_customer ON rule_ticket (customer_id, created_at);

-- quimbi-adapter's enrichment (crm.enrichment.events): tier and churn risk; its own table, as it may come first.
CREATE TABLE ticket_enrichment (
    ticket_id    uuid PRIMARY KEY,
    tier         varchar(16),
    churn_risk   varchar(16),
    enriched_at  timestamptz NOT NULL
);

-- How the rules of one set combine: all_match (every matching rule fires, in order) or first_match (only the first
-- matching rule that may still fire). A set without a row is all_match.
CREATE TABLE rule_set (
    name        varchar(100) PRIMARY KEY,
    mode        varchar(16)  NOT NULL CHECK (mode IN ('first_match', 'all_match')),
    updated_at  timestamptz  NOT NULL
);

CREATE TABLE event_rule (
    id           uuid PRIMARY KEY,
    name         varchar(200) NOT NULL,
    enabled      boolean      NOT NULL,
    rule_set     varchar(100) NOT NULL,
    position     integer      NOT NULL,
    triggers     text[]       NOT NULL,
    conditions   jsonb        NOT NULL,
    actions      jsonb        NOT NULL,
    auto_reply   text,
    max_firings  integer      NOT NULL CHECK (max_firings BETWEEN 1 AND 10),
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    version      bigint       NOT NULL DEFAULT 0
);

-- The per-ticket per-rule firing limit (counted when a firing is decided, in the event's transaction).
CREATE TABLE event_rule_firing (
    ticket_id      uuid        NOT NULL,
    rule_id        uuid        NOT NULL REFERENCES event_rule (id) ON DELETE CASCADE,
    firings        integer     NOT NULL,
    last_fired_at  timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, rule_id)
);

-- Firings decided but not yet done on ticket-service: the runner takes them with SKIP LOCKED; steps_done makes a
-- retry repeat no step. (rule, ticket, firing) is the Idempotency-Key.
CREATE TABLE event_rule_run (
    rule_id     uuid        NOT NULL REFERENCES event_rule (id) ON DELETE CASCADE,
    ticket_id   uuid        NOT NULL,
    firing      integer     NOT NULL,
    trigger     varchar(32) NOT NULL,
    auto_reply  boolean     NOT NULL,
    steps_done  text[]      NOT NULL DEFAULT '{}',
    due_at      timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (rule_id, ticket_id, firing)
);
CREATE INDEX event_rule_run_due ON event_rule_run (due_at);

-- The auto-reply window: when a customer (by e-mail address) last got one.
CREATE TABLE auto_reply (
    customer_email  varchar(320) PRIMARY KEY,
    sent_at         timestamptz  NOT NULL
);
