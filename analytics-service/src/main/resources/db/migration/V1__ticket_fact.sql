CREATE TABLE ticket_fact (
    ticket_id  uuid        PRIMARY KEY,
    status     varchar(16) NOT NULL,
    priority   varchar(16) NOT NULL,
    channel    varchar(16) NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX ticket_fact_created_at_idx ON ticket_fact (created_at);
