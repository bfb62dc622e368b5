-- notification-service, part 2 (issue 15): alerts. Rules are data, deliveries are an outbox-like queue, the Slack
-- workspace is admin configuration (secrets sealed with the platform's SecretBox, never in clear text).

-- read models the alert consumer keeps (its own consumer group, apart from the real-time one's ticket_view)
CREATE TABLE alert_ticket (
    ticket_id      uuid PRIMARY KEY,
    number         varchar(20),
    subject        varchar(300),
    priority       varchar(16),
    channel        varchar(16),
    status         varchar(16),
    customer_id    uuid,
    customer_email varchar(320),
    assignee_id    varchar(64),
    tier           varchar(16),
    churn_risk     varchar(16),
    sla_deadline   timestamptz,
    -- a vip_customer alert went out for this ticket (enrichment may run several times)
    vip_alerted    boolean NOT NULL DEFAULT false,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alert_customer (
    customer_id uuid PRIMARY KEY,
    name        varchar(300),
    email       varchar(320),
    tier        varchar(16),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- agents as alerts need them: the address of a DM or an e-mail, @username mentions, Slack users back to agents
CREATE TABLE agent_contact (
    agent_id      varchar(64) PRIMARY KEY,
    username      varchar(100),
    email         varchar(320),
    name          varchar(401),
    role          varchar(16),
    team          varchar(200),
    active        boolean NOT NULL DEFAULT true,
    slack_user_id varchar(32),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_contact_username ON agent_contact (lower(username));
CREATE INDEX agent_contact_email ON agent_contact (lower(email));
CREATE INDEX agent_contact_slack ON agent_contact (slack_user_id);

-- the connected Slack workspace (one row): bot token and/or incoming-webhook URL, signing secret; all sealed
CREATE TABLE slack_workspace (
    id             smallint PRIMARY KEY CHECK (id = 1),
    bot_token      text,
    webhook_url    text,
    signing_secret text,
    updated_by     varchar(64),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- our single-ticket alert messages in Slack: a reply in one of these threads becomes a note on that ticket
CREATE TABLE slack_thread (
    channel_id varchar(32) NOT NULL,
    ts         varchar(32) NOT NULL,
    ticket_id  uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel_id, ts)
);

-- Slack's event and interaction deliveries, stored before they are acknowledged (event_id: retries are no-ops)
CREATE TABLE slack_inbound (
    event_id    varchar(100) PRIMARY KEY,
    kind        varchar(32) NOT NULL,
    payload     text NOT NULL,
    status      varchar(16) NOT NULL,
    attempts    int NOT NULL DEFAULT 0,
    last_error  varchar(500),
    received_at timestamptz NOT NULL DEFAULT now(),
    done_at     timestamptz
);
CREATE INDEX slack_inbound_open ON slack_inbound (received_at) WHERE status = 'received';

-- the Acknowledge button
CREATE TABLE alert_ack (
    ticket_id       uuid NOT NULL,
    agent_id        varchar(64) NOT NULL,
    acknowledged_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (ticket_id, agent_id)
);

-- notification rules: an event kind, filters ({"priorities":[],"teams":[],"channels":[],"tiers":[]}, empty = any)
-- and destinations ([{"type":"slack_channel","channel":"#x"}, {"type":"slack_dm"}, {"type":"email"[,"address"]},
-- {"type":"websocket"}])
CREATE TABLE notification_rule (
    id           uuid PRIMARY KEY,
    name         varchar(100) NOT NULL,
    event_kind   varchar(32) NOT NULL,
    enabled      boolean NOT NULL DEFAULT true,
    filters      jsonb NOT NULL DEFAULT '{}',
    destinations jsonb NOT NULL,
    version      bigint NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   varchar(64) NOT NULL
);
CREATE UNIQUE INDEX notification_rule_name ON notification_rule (lower(name));
CREATE INDEX notification_rule_kind ON notification_rule (event_kind) WHERE enabled;

-- who changed which rule how (before/after), written in the same transaction as the change
CREATE TABLE notification_rule_audit (
    id      bigserial PRIMARY KEY,
    rule_id uuid NOT NULL,
    action  varchar(16) NOT NULL,
    actor   varchar(64) NOT NULL,
    at      timestamptz NOT NULL DEFAULT now(),
    before  jsonb,
    after   jsonb
);
CREATE INDEX notification_rule_audit_rule ON notification_rule_audit (rule_id, id);

-- one alert item for one destination. Inserted in the consuming transaction (with the inbox row), sent later by the
-- dispatcher, batched per destination. dedupe_key = destination + event id (an event arriving twice is one item); the
-- same ticket and kind to the same destination inside the dedupe window is skipped at insert (delivery_recent).
CREATE TABLE delivery (
    id               uuid PRIMARY KEY,
    rule_id          uuid,
    event_id         uuid NOT NULL,
    event_kind       varchar(32) NOT NULL,
    ticket_id        uuid,
    destination_type varchar(16) NOT NULL,
    destination      varchar(320) NOT NULL,
    dedupe_key       varchar(500) NOT NULL,
    item             jsonb NOT NULL,
    status           varchar(16) NOT NULL,
    attempts         int NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       varchar(500),
    message_ref      varchar(100),
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);
CREATE UNIQUE INDEX delivery_dedupe ON delivery (dedupe_key);
CREATE INDEX delivery_pending ON delivery (destination_type, destination, created_at) WHERE status = 'pending';
CREATE INDEX delivery_status ON delivery (status, created_at DESC, id DESC);
CREATE INDEX delivery_recent ON delivery (destination_type, destination, ticket_id, event_kind, created_at);

-- per destination: when it was last sent to (batch window, ~1 message/s per Slack channel) and a 429's Retry-After
CREATE TABLE delivery_destination (
    destination_type varchar(16) NOT NULL,
    destination      varchar(320) NOT NULL,
    last_sent_at     timestamptz,
    blocked_until    timestamptz,
    PRIMARY KEY (destination_type, destination)
);
