-- The ticket's current priority and assignee on each SLA outcome, kept in step with ticket_fact by the consumers
-- (whichever topic arrives first: an outcome copies them from ticket_fact, a ticket change updates its outcomes).
-- The compliance report groups by them without joining ticket_fact: AnalyticsQueryBench found that join hashing all
-- of ticket_fact (a parallel sequential scan of a million rows) for a month's 80,000 outcomes.
ALTER TABLE sla_outcome
    ADD COLUMN priority    varchar(16),
    ADD COLUMN assignee_id varchar(64);
UPDATE sla_outcome o SET priority = t.priority, assignee_id = t.assignee_id
FROM ticket_fact t WHERE t.ticket_id = o.ticket_id;
