-- who set the status: presence may bring back an "away" it set after idle, never one the agent chose
ALTER TABLE agent ADD COLUMN status_source varchar(16) NOT NULL DEFAULT 'MANUAL';
