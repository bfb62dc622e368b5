-- integration-service: Gorgias (the other helpdesk) both ways. Accounts with sealed credentials, webhook receipts,
-- links between Gorgias tickets/messages and ours, import jobs, and the queue of pushes to Gorgias.

-- A connected Gorgias account (https://<domain>.gorgias.com). api_key and webhook_secret are SecretBox ciphertexts.
CREATE TABLE gorgias_account (
    domain          varchar(63)   PRIMARY KEY,      -- the subdomain, lower case
    email           varchar(320)  NOT NULL,         -- the REST API user (Basic auth user name)
    api_key         text          NOT NULL,         -- sealed
    webhook_secret  text          NOT NULL,         -- sealed; the header value the HTTP integration sends
    connected_at    timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL
);

-- One row per accepted delivery of the HTTP integration, stored before Gorgias gets its 200, processed after.
CREATE TABLE gorgias_webhook_receipt (
    id              uuid          PRIMARY KEY,
    account_domain  varchar(63)   NOT NULL,
    event           varchar(64)   NOT NULL,          -- ticket-created | ticket-updated | ticket-message-created
    delivery_key    varchar(128)  NOT NULL,          -- SHA-256 of the raw body: a redelivery is the same bytes
    received_at     timestamptz   NOT NULL,
    body            bytea         NOT NULL,
    status          varchar(16)   NOT NULL,          -- pending | done | failed (dead letter)
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL,
    last_error      varchar(1000),
    processed_at    timestamptz,
    CONSTRAINT gorgias_webhook_receipt_delivery UNIQUE (account_domain, event, delivery_key)
);
CREATE INDEX gorgias_webhook_receipt_due_idx ON gorgias_webhook_receipt (next_attempt_at) WHERE status = 'pending';
CREATE INDEX gorgias_webhook_receipt_received_idx ON gorgias_webhook_receipt (received_at);

-- Which Gorgias ticket is which CRM ticket. origin gorgias = imported (the CRM id arrives with ticket.created),
-- origin crm = pushed by us (the Gorgias id arrives with the push's answer).
CREATE TABLE gorgias_ticket_link (
    id                uuid          PRIMARY KEY,
    account_domain    varchar(63)   NOT NULL,
    gorgias_ticket_id bigint,
    crm_ticket_id     uuid,
    origin            varchar(8)    NOT NULL,
    last_status       varchar(16),                  -- Gorgias's status as ours, last seen or pushed (changes only)
    created_at        timestamptz   NOT NULL,
    updated_at        timestamptz   NOT NULL,
    CONSTRAINT gorgias_ticket_link_gorgias UNIQUE (account_domain, gorgias_ticket_id),
    CONSTRAINT gorgias_ticket_link_crm UNIQUE (crm_ticket_id)
);

-- Every Gorgias message we know: imported (origin gorgias) or pushed by us (origin crm). Imported once.
CREATE TABLE gorgias_message_link (
    account_domain     varchar(63)   NOT NULL,
    gorgias_message_id bigint        NOT NULL,
    gorgias_ticket_id  bigint        NOT NULL,
    crm_message_id     uuid,
    origin             varchar(8)    NOT NULL,
    created_at         timestamptz   NOT NULL,
    PRIMARY KEY (account_domain, gorgias_message_id)
);

-- Import jobs: one page of tickets per transaction, the next cursor committed with the page's events.
CREATE TABLE gorgias_sync_job (
    id              uuid          PRIMARY KEY,
    account_domain  varchar(63)   NOT NULL,
    state           varchar(16)   NOT NULL,          -- running | done | failed
    cursor          text,                            -- meta.next_cursor of the last committed page
    pages           integer       NOT NULL DEFAULT 0,
    tickets_seen    integer       NOT NULL DEFAULT 0,
    tickets_imported integer      NOT NULL DEFAULT 0,
    messages_imported integer     NOT NULL DEFAULT 0,
    skipped         integer       NOT NULL DEFAULT 0, -- known already, ours (pushed), or without a customer e-mail
    throttled       integer       NOT NULL DEFAULT 0, -- times the job waited for Gorgias's rate limit
    failures        integer       NOT NULL DEFAULT 0,
    last_error      varchar(1000),
    next_run_at     timestamptz   NOT NULL,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    finished_at     timestamptz
);
CREATE INDEX gorgias_sync_job_due_idx ON gorgias_sync_job (next_run_at) WHERE state = 'running';

-- What we push to Gorgias (from crm.ticket.events), worked off with retries; failed = visible dead letters.
CREATE TABLE gorgias_push (
    id              uuid          PRIMARY KEY,
    kind            varchar(16)   NOT NULL,          -- ticket | message | status
    crm_ticket_id   uuid          NOT NULL,
    crm_message_id  uuid,
    payload         text          NOT NULL,          -- what to send (JSON), built from the event
    status          varchar(16)   NOT NULL,          -- pending | done | failed
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL,
    last_error      varchar(1000),
    created_at      timestamptz   NOT NULL,
    done_at         timestamptz
);
CREATE UNIQUE INDEX gorgias_push_message_once ON gorgias_push (crm_message_id) WHERE crm_message_id IS NOT NULL;
CREATE UNIQUE INDEX gorgias_push_ticket_once ON gorgias_push (crm_ticket_id) WHERE kind = 'ticket';
CREATE INDEX gorgias_push_due_idx ON gorgias_push (next_attempt_at) WHERE status = 'pending';
CREATE INDEX gorgias_push_status_idx ON gorgias_push (status, created_at DESC);
