-- One row per agent. The id is the agent's Keycloak user id (= the JWT sub), so a token names its profile.
CREATE TABLE agent (
    id                     uuid         PRIMARY KEY,
    username               varchar(255) NOT NULL,
    email                  varchar(320) NOT NULL,
    first_name             varchar(100) NOT NULL,
    last_name              varchar(100) NOT NULL,
    role                   varchar(16)  NOT NULL,
    department             varchar(100),
    team                   varchar(100),
    status                 varchar(16)  NOT NULL,
    status_changed_at      timestamptz  NOT NULL,
    max_concurrent_tickets integer      NOT NULL,
    accepts_new            boolean      NOT NULL,
    skills                 text[]       NOT NULL DEFAULT '{}',
    languages              text[]       NOT NULL DEFAULT '{}',
    seniority              varchar(16)  NOT NULL,
    timezone               varchar(64)  NOT NULL,
    work_days              text[],
    work_start             time,
    work_end               time,
    active                 boolean      NOT NULL,
    created_at             timestamptz  NOT NULL,
    updated_at             timestamptz  NOT NULL,
    deactivated_at         timestamptz,
    version                bigint       NOT NULL DEFAULT 0
);
-- emails are stored lower-case: the unique index is the last guard against two profiles for one address
CREATE UNIQUE INDEX agent_email_uq ON agent (email);
CREATE INDEX agent_list_idx ON agent (created_at, id);
CREATE INDEX agent_team_idx ON agent (team);
CREATE INDEX agent_skills_idx ON agent USING gin (skills);
CREATE INDEX agent_languages_idx ON agent USING gin (languages);
