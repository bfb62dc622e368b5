-- One row that the service's Debezium connector rewrites every heartbeat.interval.ms (heartbeat.action.query in
-- infra/debezium/*.json). The connector acknowledges WAL only up to the last change it received, and its
-- filtered publication names only outbox and this table: without these writes a quiet outbox next to busy tables
-- would keep the replication slot, and so all WAL since the last event, on disk.
-- Repeatable (and idempotent) rather than versioned: a V0_x version below the services' own V1.. would be
-- out of order for every existing database and fail Flyway's validation.
CREATE TABLE IF NOT EXISTS debezium_heartbeat (
    id      smallint    PRIMARY KEY CHECK (id = 1),
    beat_at timestamptz NOT NULL
);
