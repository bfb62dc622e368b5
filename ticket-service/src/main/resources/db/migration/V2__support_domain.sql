-- Customers, messages, read markers, the activity log, idempotency keys, and the ticket columns that
-- list/search/smart ordering need. Enum-like values are stored as their lower-case wire names.

CREATE TABLE customer (
    id                  uuid         PRIMARY KEY,
    email               varchar(320) NOT NULL,
    name                varchar(200),
    phone               varchar(40),
    shopify_customer_id varchar(64),
    gorgias_customer_id varchar(64),
    language            varchar(35),
    timezone            varchar(64),
    preferred_channel   varchar(16),
    tier                varchar(16)  NOT NULL DEFAULT 'standard',
    merged_into         uuid         REFERENCES customer (id),
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    last_contact_at     timestamptz,
    version             bigint       NOT NULL DEFAULT 0
);
-- emails are stored lower-case; a merged-away customer keeps its address (it still resolves to the survivor)
CREATE UNIQUE INDEX customer_email_uq ON customer (email) WHERE merged_into IS NULL;
CREATE INDEX customer_email_idx ON customer (email);
CREATE UNIQUE INDEX customer_shopify_uq ON customer (shopify_customer_id)
    WHERE shopify_customer_id IS NOT NULL AND merged_into IS NULL;
CREATE INDEX customer_created_idx ON customer (created_at DESC, id DESC);
CREATE INDEX customer_name_idx ON customer (lower(name) text_pattern_ops);

-- the walking skeleton stored enum constant names; the wire names are what every reader expects
UPDATE ticket SET status = lower(status), priority = lower(priority), channel = lower(channel);

ALTER TABLE ticket
    ADD COLUMN customer_id         uuid REFERENCES customer (id),
    ADD COLUMN language            varchar(35),
    ADD COLUMN assignee_id         varchar(64),
    ADD COLUMN category            varchar(64),
    ADD COLUMN tags                text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN metadata            jsonb       NOT NULL DEFAULT '{}',
    ADD COLUMN churn_risk          real,
    ADD COLUMN ltv                 numeric(14, 2),
    ADD COLUMN sentiment           real,
    ADD COLUMN category_confidence real,
    ADD COLUMN customer_tier       varchar(16) NOT NULL DEFAULT 'standard',
    ADD COLUMN enriched_at         timestamptz,
    ADD COLUMN sla_next_deadline   timestamptz,
    ADD COLUMN sla_state           varchar(16),
    ADD COLUMN sla_updated_at      timestamptz,
    ADD COLUMN smart_due           timestamptz,
    ADD COLUMN priority_rank       smallint GENERATED ALWAYS AS (
        CASE priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END) STORED,
    ADD COLUMN external_source     varchar(16),
    ADD COLUMN external_id         varchar(64),
    ADD COLUMN last_message_at     timestamptz,
    ADD COLUMN deleted_at          timestamptz,
    ADD COLUMN deleted_by          varchar(64),
    ADD COLUMN search              tsvector;

UPDATE ticket SET smart_due = created_at + interval '24 hours' WHERE smart_due IS NULL;
ALTER TABLE ticket ALTER COLUMN smart_due SET NOT NULL;

CREATE TABLE message (
    id              uuid        PRIMARY KEY,
    ticket_id       uuid        NOT NULL REFERENCES ticket (id),
    author_type     varchar(16) NOT NULL,
    author_id       varchar(64),
    direction       varchar(16) NOT NULL,
    body_text       text        NOT NULL,
    body_html       text,
    internal        boolean     NOT NULL DEFAULT false,
    attachments     jsonb       NOT NULL DEFAULT '[]',
    delivery_status varchar(16),
    external_source varchar(16),
    external_id     varchar(64),
    created_at      timestamptz NOT NULL,
    edited_at       timestamptz,
    deleted_at      timestamptz,
    deleted_by      varchar(64),
    version         bigint      NOT NULL DEFAULT 0
);
CREATE INDEX message_ticket_idx ON message (ticket_id, created_at, id);
CREATE UNIQUE INDEX message_external_uq ON message (external_source, external_id) WHERE external_id IS NOT NULL;

-- Full-text document: subject (weight A), description (B), live message bodies (C). 'simple' (no stemming)
-- because tickets come in many languages; inputs are capped so the tsvector stays under its 1 MB limit.
CREATE FUNCTION ticket_search_document(t_id uuid, t_subject text, t_description text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('simple', coalesce(t_subject, '')), 'A')
        || setweight(to_tsvector('simple', left(coalesce(t_description, ''), 100000)), 'B')
        || setweight(to_tsvector('simple', left(coalesce(
               (SELECT string_agg(body_text, ' ' ORDER BY created_at) FROM message
                 WHERE ticket_id = t_id AND deleted_at IS NULL), ''), 200000)), 'C')
$$;

CREATE FUNCTION ticket_search_on_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := ticket_search_document(NEW.id, NEW.subject, NEW.description);
    RETURN NEW;
END $$;
CREATE TRIGGER ticket_search_refresh BEFORE INSERT OR UPDATE OF subject, description ON ticket
    FOR EACH ROW EXECUTE FUNCTION ticket_search_on_ticket();

CREATE FUNCTION ticket_search_on_message() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.ticket_id ELSE NEW.ticket_id END;
BEGIN
    UPDATE ticket SET search = ticket_search_document(id, subject, description) WHERE id = target;
    RETURN NULL;
END $$;
CREATE TRIGGER message_search_refresh AFTER INSERT OR DELETE OR UPDATE OF body_text, deleted_at ON message
    FOR EACH ROW EXECUTE FUNCTION ticket_search_on_message();

UPDATE ticket SET search = ticket_search_document(id, subject, description);

-- list orders: each sort has a keyset index over live tickets
DROP INDEX ticket_created_at_idx;
CREATE INDEX ticket_smart_idx ON ticket (smart_due, id) WHERE deleted_at IS NULL;
CREATE INDEX ticket_created_idx ON ticket (created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX ticket_updated_idx ON ticket (updated_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX ticket_priority_idx ON ticket (priority_rank DESC, created_at DESC, id DESC) WHERE deleted_at IS NULL;
-- the agent's everyday views: "open work, most urgent first", "mine", "this customer's"
CREATE INDEX ticket_status_smart_idx ON ticket (status, smart_due, id) WHERE deleted_at IS NULL;
CREATE INDEX ticket_assignee_smart_idx ON ticket (assignee_id, smart_due, id) WHERE deleted_at IS NULL;
CREATE INDEX ticket_customer_idx ON ticket (customer_id, created_at DESC, id DESC);
CREATE INDEX ticket_tags_idx ON ticket USING gin (tags);
CREATE INDEX ticket_search_idx ON ticket USING gin (search);
CREATE UNIQUE INDEX ticket_external_uq ON ticket (external_source, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE ticket_read (
    ticket_id uuid        NOT NULL REFERENCES ticket (id),
    reader_id varchar(64) NOT NULL,
    read_at   timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, reader_id)
);

-- the audit trail: who changed what, when (ids are UUID v7, so id order is time order)
CREATE TABLE ticket_activity (
    id          uuid        PRIMARY KEY,
    ticket_id   uuid        NOT NULL,
    actor_type  varchar(16) NOT NULL,
    actor_id    varchar(64),
    action      varchar(40) NOT NULL,
    details     jsonb       NOT NULL DEFAULT '{}',
    occurred_at timestamptz NOT NULL
);
CREATE INDEX ticket_activity_ticket_idx ON ticket_activity (ticket_id, id);

-- POST /api/tickets with Idempotency-Key: one ticket per (caller, key)
CREATE TABLE ticket_idempotency (
    actor_id        varchar(64)  NOT NULL,
    idempotency_key varchar(200) NOT NULL,
    ticket_id       uuid         NOT NULL,
    request_hash    varchar(64)  NOT NULL,
    created_at      timestamptz  NOT NULL,
    PRIMARY KEY (actor_id, idempotency_key)
);
