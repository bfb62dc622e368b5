CREATE SEQUENCE ticket_number_seq START WITH 1001;

CREATE TABLE ticket (
    id             uuid         PRIMARY KEY,
    number         bigint       NOT NULL UNIQUE ,
    subject        varchar(300) NOT NULL,
    description    text         NOT NULL,
    status         varchar(16)  NOT NULL,
    priority       varchar(16)  NOT NULL,
    channel        varchar(16)  NOT NULL,
    customer_email varchar(320) NOT NULL,
    created_by     varchar(64),
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL,
    version        bigint       NOT NULL DEFAULT 0
);
ALTER SEQUENCE ticket_number_seq OWNED BY ticket.number;

CREATE INDEX ticket_created_at_idx ON ticket (created_at DESC, id DESC);
CREATE INDEX ticket_customer_email_idx ON ticket (customer_email);
