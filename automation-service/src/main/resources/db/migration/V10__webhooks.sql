-- Signed outbound webhooks: admin-defined endpoints and the deliveries owed to them.
CREATE TABLE webhook_endpoint (
    id                      uuid PRIMARY KEY,
    name                    varchar(200)  NOT NULL,
    url                     varchar(2000) NOT NULL,
    events                  text[]        NOT NULL,
    -- SecretBox-sealed (AES-256-GCM, v1:<key id>:<base64>); the plain secret is shown once, when it is made
    secret_sealed           text          NOT NULL,
    -- during a rotation the previous secret signs too (a second v1=) until previous_until
    previous_secret_sealed  text,
    previous_until          timestamptz,
    enabled                 boolean       NOT NULL,
    -- failed attempts in a row; reset by any success. At crm.automation.webhooks.disable-after it disables itself
    failure_streak          integer       NOT NULL DEFAULT 0,
    disabled_reason         varchar(500),
    created_at              timestamptz   NOT NULL,
    updated_at              timestamptz   NOT NULL
);

-- One row per (endpoint, event): at least once, retried with exponential backoff; the dispatcher takes due rows
-- with SKIP LOCKED. status: pending (next_attempt_at set), delivered, failed (attempts used up).
CREATE TABLE webhook_delivery (
    id                uuid PRIMARY KEY,
    endpoint_id       uuid         NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event_id          uuid         NOT NULL,
    event_type        varchar(100) NOT NULL,
    payload           text         NOT NULL,
    status            varchar(16)  NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts          integer      NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz,
    response_status   integer,
    last_error        varchar(500),
    created_at        timestamptz  NOT NULL,
    last_attempt_at   timestamptz,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_log ON webhook_delivery (endpoint_id, created_at DESC);
