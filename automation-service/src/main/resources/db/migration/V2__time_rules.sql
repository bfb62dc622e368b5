-- Time rules: "status S (and priority / tags) for N minutes -> actions", fired at the minute they are due.
CREATE TABLE time_rule (
    id              uuid PRIMARY KEY,
    name            varchar(200) NOT NULL,
    enabled         boolean      NOT NULL,
    statuses        text[]       NOT NULL,
    priorities      text[]       NOT NULL DEFAULT '{}',
    tags            text[]       NOT NULL DEFAULT '{}',
    after_minutes   integer      NOT NULL CHECK (after_minutes BETWEEN 1 AND 525600),
    actions         jsonb        NOT NULL,
    max_firings     integer      NOT NULL CHECK (max_firings BETWEEN 1 AND 10),
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    version         bigint       NOT NULL DEFAULT 0
);

-- The ticket read model (crm.ticket.events): what rule conditions look at, and since when the status holds.
CREATE TABLE rule_ticket (
    ticket_id     uuid PRIMARY KEY,
    status        varchar(16) NOT NULL,
    priority      varchar(16),
    tags          text[]      NOT NULL DEFAULT '{}',
    status_since  timestamptz NOT NULL,
    deleted       boolean     NOT NULL DEFAULT false
);

-- The next due moment of each (ticket, rule) that matches now; the scheduler takes due rows with SKIP LOCKED.
CREATE TABLE rule_due (
    ticket_id  uuid        NOT NULL,
    rule_id    uuid        NOT NULL REFERENCES time_rule (id) ON DELETE CASCADE,
    due_at     timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, rule_id)
);
CREATE INDEX rule_due_at ON rule_due (due_at);

-- How often a rule fired on a ticket: the per-ticket per-rule limit that stops rules from ping-ponging.
CREATE TABLE rule_firing (
    ticket_id      uuid        NOT NULL,
    rule_id        uuid        NOT NULL REFERENCES time_rule (id) ON DELETE CASCADE,
    firings        integer     NOT NULL,
    last_fired_at  timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, rule_id)
);
