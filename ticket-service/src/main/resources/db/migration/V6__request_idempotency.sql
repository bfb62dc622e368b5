-- Idempotency-Key covers changing a ticket and adding a message too (automation-service retries its rule firings
-- with one key each), so the table names the resource a request made or changed, not only a new ticket.
ALTER TABLE ticket_idempotency RENAME TO request_idempotency;
ALTER TABLE request_idempotency RENAME COLUMN ticket_id TO resource_id;
ALTER TABLE request_idempotency RENAME CONSTRAINT ticket_idempotency_pkey TO request_idempotency_pkey;
-- IdempotencyKeys.purge forgets keys past their retention
CREATE INDEX request_idempotency_created_idx ON request_idempotency (created_at);
