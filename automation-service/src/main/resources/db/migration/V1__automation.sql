-- Macros: saved replies with actions. scope personal (owner_id), team (team) or shared.
CREATE TABLE macro (
    id            uuid PRIMARY KEY,
    name          varchar(200) NOT NULL,
    scope         varchar(16)  NOT NULL CHECK (scope IN ('personal', 'team', 'shared')),
    owner_id      varchar(64)  NOT NULL,
    team          varchar(100),
    reply_text    text,
    reply_html    text,
    actions       jsonb        NOT NULL DEFAULT '{}'::jsonb,
    usage_count   bigint       NOT NULL DEFAULT 0,
    last_used_at  timestamptz,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL,
    version       bigint       NOT NULL DEFAULT 0,
    CHECK ((scope = 'team') = (team IS NOT NULL))
);
CREATE INDEX macro_owner ON macro (owner_id) WHERE scope = 'personal';
CREATE INDEX macro_team ON macro (team) WHERE scope = 'team';

-- One row per macro application (per agent and Idempotency-Key): the steps already done on the owning services,
-- so a retried apply does only what is left and never posts a reply or note twice.
CREATE TABLE macro_application (
    id               uuid PRIMARY KEY,
    agent_id         varchar(64)  NOT NULL,
    idempotency_key  varchar(200) NOT NULL,
    macro_id         uuid         NOT NULL,
    ticket_id        uuid         NOT NULL,
    steps_done       text[]       NOT NULL DEFAULT '{}',
    result           jsonb,
    -- a request working on it holds this (a lease: one that died releases it after a minute)
    claimed_at       timestamptz,
    completed_at     timestamptz,
    created_at       timestamptz  NOT NULL,
    UNIQUE (agent_id, idempotency_key)
);

-- The agent read model (crm.agent.events): first name for {{agent.first_name}}, team for team macros.
CREATE TABLE agent_profile (
    agent_id    varchar(64) PRIMARY KEY,
    first_name  varchar(100),
    team        varchar(100),
    active      boolean     NOT NULL DEFAULT true,
    updated_at  timestamptz NOT NULL
);
