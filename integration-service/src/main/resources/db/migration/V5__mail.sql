-- E-mail: mailboxes (credentials sealed like the Shopify tokens), every inbound mail recorded (raw) before it is
-- acted on, the tickets mail can thread into, outbound replies (sent once per ticket-service message) and the
-- files of inbound mail, served to agents through an authorized download.
CREATE TABLE mailbox (
    id            uuid          PRIMARY KEY,
    address       varchar(320)  NOT NULL UNIQUE,  -- lower case; the From of our replies
    display_name  varchar(200),
    imap_host     varchar(255)  NOT NULL,
    imap_port     integer       NOT NULL,
    imap_tls      boolean       NOT NULL,         -- true: imaps (implicit TLS); false: plain (+ STARTTLS when offered)
    folder        varchar(200)  NOT NULL DEFAULT 'INBOX',
    smtp_host     varchar(255)  NOT NULL,
    smtp_port     integer       NOT NULL,
    smtp_tls      boolean       NOT NULL,         -- true: STARTTLS required (587), or implicit TLS on 465
    username      varchar(320)  NOT NULL,
    password      text          NOT NULL,         -- SecretBox ciphertext, never returned or logged
    enabled       boolean       NOT NULL DEFAULT true,
    source        varchar(8)    NOT NULL DEFAULT 'api',  -- api | env (the local stack's mailbox)
    uid_validity  bigint,                         -- the folder's UIDVALIDITY the cursor belongs to
    last_uid      bigint        NOT NULL DEFAULT 0,  -- the highest UID recorded in inbound_mail
    last_polled_at timestamptz,
    last_error    varchar(1000),
    created_at    timestamptz   NOT NULL,
    updated_at    timestamptz   NOT NULL
);

CREATE TABLE inbound_mail (
    id            uuid          PRIMARY KEY,
    mailbox_id    uuid          NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    message_id    varchar(998)  NOT NULL,         -- the Message-ID header (or a digest of the raw mail without one)
    uid_validity  bigint,
    uid           bigint,
    raw           bytea,                          -- the mail as received (NULL once erased)
    status        varchar(12)   NOT NULL DEFAULT 'received',  -- received | processed | ignored | failed
    kind          varchar(12),                    -- customer | auto_reply | bounce | own | noise
    ticket_id     uuid,
    attempts      integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error    varchar(1000),
    received_at   timestamptz   NOT NULL,
    processed_at  timestamptz,
    CONSTRAINT inbound_mail_once UNIQUE (mailbox_id, message_id)
);
CREATE INDEX inbound_mail_due ON inbound_mail (next_attempt_at) WHERE status = 'received';

-- the tickets mail threads into: ours (created from mail) and every e-mail ticket ticket-service announces
CREATE TABLE mail_ticket (
    ticket_id       uuid          PRIMARY KEY,
    number          varchar(20),
    customer_email  varchar(320),
    subject         varchar(300),
    closed          boolean       NOT NULL DEFAULT false,
    thread_token    varchar(40)   NOT NULL UNIQUE,  -- support+<token>@: unguessable
    mailbox_id      uuid          REFERENCES mailbox (id) ON DELETE SET NULL,
    last_message_id varchar(998),                   -- the customer's last Message-ID (our In-Reply-To)
    references_header text,                          -- the thread's References, capped
    updated_at      timestamptz   NOT NULL
);
CREATE INDEX mail_ticket_number ON mail_ticket (number);

CREATE TABLE outbound_mail (
    message_id        uuid          PRIMARY KEY,    -- ticket-service's message id: one mail per reply
    ticket_id         uuid          NOT NULL,
    mailbox_id        uuid,
    message_id_header varchar(255)  NOT NULL UNIQUE, -- <crm.<token>@domain>
    body_text         text          NOT NULL,
    status            varchar(12)   NOT NULL,       -- queued | sending | sent | delivered | bounced | failed
    attempts          integer       NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz   NOT NULL,
    last_error        varchar(1000),
    created_at        timestamptz   NOT NULL,
    sent_at           timestamptz
);
CREATE INDEX outbound_mail_due ON outbound_mail (next_attempt_at) WHERE status IN ('queued', 'sending');

CREATE TABLE mail_attachment (
    id              uuid          PRIMARY KEY,
    inbound_mail_id uuid          NOT NULL REFERENCES inbound_mail (id) ON DELETE CASCADE,
    ticket_id       uuid,
    name            varchar(255)  NOT NULL,
    content_type    varchar(127)  NOT NULL,
    size            bigint        NOT NULL,
    inline          boolean       NOT NULL,
    content_id      varchar(255),
    content         bytea         NOT NULL,
    created_at      timestamptz   NOT NULL
);
CREATE INDEX mail_attachment_mail ON mail_attachment (inbound_mail_id);
