-- Idempotency-Key on POST /api/tickets/{id}/messages: a client that could not see whether its reply arrived (a
-- timeout, a service killed mid-request) retries with the same key and gets the first message, not a second one.
CREATE TABLE message_idempotency (
    actor_id        varchar(64)  NOT NULL,
    idempotency_key varchar(200) NOT NULL,
    message_id      uuid         NOT NULL,
    request_hash    varchar(64)  NOT NULL,
    created_at      timestamptz  NOT NULL,
    PRIMARY KEY (actor_id, idempotency_key)
);
