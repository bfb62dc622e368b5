-- What the adapter knows of tickets and customers, learned from crm.ticket.events (it never reads
-- another service's database). Enough to classify, score and draft without calling anyone.
CREATE TABLE ticket_context (
    ticket_id              uuid         PRIMARY KEY,
    number                 varchar(32),
    subject                varchar(300) NOT NULL,
    description            text,
    channel                varchar(16),
    priority               varchar(16),
    -- ticket-service's customer id when the event carries one, else 'email:<address>'
    customer_key           varchar(400) NOT NULL,
    customer_email         varchar(320),
    category               varchar(32),
    sentiment              varchar(16),
    customer_message_count int          NOT NULL DEFAULT 0,
    last_customer_message  text,
    created_at             timestamptz  NOT NULL,
    updated_at             timestamptz  NOT NULL
);
CREATE INDEX ticket_context_customer_idx ON ticket_context (customer_key, created_at);

-- What the customer wrote after opening the ticket (message.added, customer, not internal): the
-- conversation a reply draft answers.
CREATE TABLE ticket_message (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id  uuid        NOT NULL REFERENCES ticket_context (ticket_id),
    body       text        NOT NULL,
    written_at timestamptz NOT NULL
);
CREATE INDEX ticket_message_ticket_idx ON ticket_message (ticket_id, written_at);

-- Orders arrive from integration events (Shopify) once integration-service publishes them; until then the
-- churn and LTV fallbacks see ticket history only.
CREATE TABLE customer_activity (
    customer_key   varchar(400)  PRIMARY KEY,
    order_count    int           NOT NULL DEFAULT 0,
    total_spent    numeric(14,2) NOT NULL DEFAULT 0,
    first_order_at timestamptz,
    last_order_at  timestamptz,
    first_seen_at  timestamptz   NOT NULL,
    last_channel   varchar(16)
);

-- The latest enrichment per ticket (also what was published): the adapter's record of its answers.
CREATE TABLE ticket_enrichment (
    ticket_id           uuid          PRIMARY KEY,
    category            varchar(32)   NOT NULL,
    category_confidence numeric(4,3)  NOT NULL,
    sentiment           varchar(16)   NOT NULL,
    urgency             varchar(16)   NOT NULL,
    churn_risk          numeric(4,3)  NOT NULL,
    ltv                 numeric(14,2) NOT NULL,
    customer_tier       varchar(16)   NOT NULL,
    source              varchar(16)   NOT NULL,
    trigger_event_id    uuid          NOT NULL,
    enriched_at         timestamptz   NOT NULL
);
