-- integration-service: Shopify shops and their (encrypted) credentials, webhook receipts, synced customers.
-- (outbox comes from the platform migration V0_1_0 on the classpath.)

-- A connected shop. Credentials are AES-GCM ciphertexts "v1:<key id>:<base64>" (crypto/SecretBox), never plain.
CREATE TABLE shop (
    domain               varchar(255)  PRIMARY KEY,  -- lower-case <name>.myshopify.com
    name                 varchar(255),
    kind                 varchar(16)   NOT NULL,     -- custom (admin-set token) | oauth (public app install)
    status               varchar(16)   NOT NULL,     -- connected | disconnected (app/uninstalled)
    access_token         text,
    refresh_token        text,
    token_expires_at     timestamptz,
    api_secret           text,                       -- custom app: the app's API secret (webhook HMAC key)
    previous_api_secret  text,                       -- still accepted until previous_secret_until (rotation)
    previous_secret_until timestamptz,
    scopes               varchar(1000),
    connected_at         timestamptz   NOT NULL,
    updated_at           timestamptz   NOT NULL
);

-- One row per accepted delivery, stored before Shopify gets its 200; processed after (WebhookProcessor).
CREATE TABLE webhook_receipt (
    id              uuid          PRIMARY KEY,
    shop_domain     varchar(255)  NOT NULL,
    topic           varchar(100)  NOT NULL,
    event_id        varchar(255)  NOT NULL,          -- X-Shopify-Event-Id: the same for every retry of one event
    triggered_at    timestamptz,
    received_at     timestamptz   NOT NULL,
    body            bytea         NOT NULL,          -- the raw bytes the HMAC was checked over
    status          varchar(16)   NOT NULL,          -- pending | done | failed (dead letter)
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL,
    last_error      varchar(1000),
    processed_at    timestamptz,
    CONSTRAINT webhook_receipt_delivery UNIQUE (shop_domain, topic, event_id)
);
CREATE INDEX webhook_receipt_due_idx ON webhook_receipt (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_receipt_status_idx ON webhook_receipt (status, received_at DESC);
CREATE INDEX webhook_receipt_received_idx ON webhook_receipt (received_at);

-- The newest Shopify updated_at applied per customer: older or replayed deliveries change nothing.
CREATE TABLE shopify_customer (
    shop_domain  varchar(255)  NOT NULL,
    customer_id  varchar(64)   NOT NULL,             -- Shopify ids exceed 2^53: kept as strings
    updated_at   timestamptz   NOT NULL,
    deleted      boolean       NOT NULL DEFAULT false,
    PRIMARY KEY (shop_domain, customer_id)
);

-- OAuth install states: single use (deleted when the callback takes it), short-lived.
CREATE TABLE oauth_state (
    state       varchar(64)   PRIMARY KEY,
    shop_domain varchar(255)  NOT NULL,
    expires_at  timestamptz   NOT NULL
);

-- Customer sync jobs: one page per transaction, the cursor saved with the page, so a job interrupted by a
-- crash resumes after the last committed page and never syncs a customer twice.
CREATE TABLE sync_job (
    id            uuid          PRIMARY KEY,
    shop_domain   varchar(255)  NOT NULL,
    kind          varchar(32)   NOT NULL,           -- customers
    state         varchar(16)   NOT NULL,           -- running | done | failed
    cursor        text,                             -- endCursor of the last committed page
    pages         integer       NOT NULL DEFAULT 0,
    seen          integer       NOT NULL DEFAULT 0,
    synced        integer       NOT NULL DEFAULT 0, -- integration.customer_synced written
    unchanged     integer       NOT NULL DEFAULT 0, -- not newer than what was applied, or no usable e-mail
    failures      integer       NOT NULL DEFAULT 0, -- consecutive failed page attempts
    last_error    varchar(1000),
    next_run_at   timestamptz   NOT NULL,
    created_at    timestamptz   NOT NULL,
    updated_at    timestamptz   NOT NULL,
    finished_at   timestamptz
);
CREATE INDEX sync_job_due_idx ON sync_job (next_run_at) WHERE state = 'running';
