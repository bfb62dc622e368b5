-- The audit trail of administrative changes (platform-audit's AuditTrail): who changed what, when, from where.
-- Repeatable (and idempotent) rather than versioned: services already have V1.. applied in existing databases, so a
-- new V0_x version would be out of order there and fail Flyway's validation. Flyway re-runs it when this file
-- changes, so every statement must be safe to run again.
CREATE TABLE IF NOT EXISTS audit_record (
    id            uuid         PRIMARY KEY,
    occurred_at   timestamptz  NOT NULL,
    service       varchar(64)  NOT NULL,
    action        varchar(128) NOT NULL,
    resource_type varchar(64)  NOT NULL,
    resource_id   varchar(255) NOT NULL,
    actor_subject varchar(255) NOT NULL,
    actor_name    varchar(255),
    actor_roles   jsonb        NOT NULL,
    client_ip     varchar(64),
    request_id    varchar(128),
    changes       jsonb        NOT NULL
);
-- GET /internal/audit pages by (occurred_at DESC, id DESC), optionally narrowed to an actor or a resource
CREATE INDEX IF NOT EXISTS audit_record_occurred_idx ON audit_record (occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS audit_record_actor_idx ON audit_record (actor_subject, occurred_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS audit_record_resource_idx ON audit_record (resource_type, resource_id, occurred_at DESC, id DESC);

-- History is append-only: there is no API to change it, and the database refuses it too, so not even a bug (or a
-- hurried UPDATE in psql as the service's role) can rewrite who did what.
CREATE OR REPLACE FUNCTION audit_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
DROP TRIGGER IF EXISTS audit_record_no_update_or_delete ON audit_record;
CREATE TRIGGER audit_record_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_is_append_only();
DROP TRIGGER IF EXISTS audit_record_no_truncate ON audit_record;
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_is_append_only();
