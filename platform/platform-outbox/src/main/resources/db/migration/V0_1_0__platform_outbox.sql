-- Transactional outbox, read by Debezium's Outbox Event Router (column names are its defaults).
-- A service writes its state change and one row here in the same transaction.
CREATE TABLE outbox (
    id            uuid         PRIMARY KEY,
    aggregatetype varchar(64)  NOT NULL,
    aggregateid   varchar(64)  NOT NULL,
    type          varchar(128) NOT NULL,
    payload       jsonb        NOT NULL,
    traceparent   varchar(64),
    occurredat    timestamptz  NOT NULL
);
CREATE INDEX outbox_occurredat_idx ON outbox (occurredat);
