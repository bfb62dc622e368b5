-- Covering indexes for the reports that still read fact rows of a range (AnalyticsQueryBench): with every column
-- they use in the index, Postgres answers from the index alone (an index-only scan) instead of fetching one heap
-- page per ticket or outcome. The reports and their columns:
--   customers/top, /vip, /repeat-issues, and channels / categories / resolution for ranges of another zone's days
--   (ticket_fact by created_at);
--   customers/churn (the unresolved tickets);
--   sla/compliance and the targets' SLA compliance (sla_outcome by outcome_at).
DROP INDEX ticket_fact_created_at_idx;
CREATE INDEX ticket_fact_created_at_idx ON ticket_fact (created_at)
    INCLUDE (customer_id, deleted_at, status, reopen_count, churn_risk, customer_tier, category, channel,
             first_reply_at, resolved_at, ticket_id);
DROP INDEX ticket_fact_unresolved_idx;
CREATE INDEX ticket_fact_unresolved_idx ON ticket_fact (status)
    INCLUDE (customer_id, deleted_at, churn_risk, churn_level, customer_tier, created_at, ticket_id)
    WHERE status NOT IN ('solved', 'closed');
DROP INDEX sla_outcome_at_idx;
CREATE INDEX sla_outcome_at_idx ON sla_outcome (outcome_at) INCLUDE (metric, breached, priority, assignee_id);
