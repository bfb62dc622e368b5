-- Idempotent consumers: an event id is recorded here in the same transaction as its side effects,
-- so a redelivered event finds its row and does nothing.
CREATE TABLE processed_message (
    consumer_group varchar(100) NOT NULL,
    message_id     uuid         NOT NULL,
    processed_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, message_id)
);
CREATE INDEX processed_message_processed_at_idx ON processed_message (processed_at);
