-- notification-service: read models it keeps from other services' events (outbox and inbox come from the
-- platform migrations). WebSocket sessions, presence, replay streams and viewers live in Redis.

-- crm.ticket.events + crm.assignment.events: who holds a ticket, and what a frame shows about it
CREATE TABLE ticket_view (
    ticket_id   uuid PRIMARY KEY,
    number      varchar(20),
    subject     varchar(300),
    status      varchar(16),
    priority    varchar(16),
    assignee_id varchar(64),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_view_assignee ON ticket_view (assignee_id);

-- crm.agent.events: role and team, for supervisors' SLA frames and teammates' agent_status frames
CREATE TABLE agent_view (
    agent_id   varchar(64) PRIMARY KEY,
    name       varchar(401),
    role       varchar(16) NOT NULL,
    team       varchar(200),
    active     boolean NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_view_team ON agent_view (team);
