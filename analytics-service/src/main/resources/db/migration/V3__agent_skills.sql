-- skills of each agent (from agent.created / agent.updated), for the team view grouped by skill
ALTER TABLE agent_dim ADD COLUMN skills text[] NOT NULL DEFAULT '{}';
