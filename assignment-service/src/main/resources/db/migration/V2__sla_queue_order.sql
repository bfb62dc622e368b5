-- SLA-aware queues (issue #5): the ticket read model keeps sla-service's latest view of the ticket's clock
-- (crm.sla.events: sla.clock_updated, sla.breached; the latest computedAt wins), and every queue is ordered by
-- QueueOrder: breached first, then the earliest SLA deadline (none = last), then customer value (VIP, churn
-- risk), then priority, then age. The ranks are stored generated columns so the queue is one index scan and the
-- unassigned list can page by keyset; QueueOrder (Java) computes the same ranks, QueueOrderIT checks they agree.
ALTER TABLE ticket
    ADD COLUMN sla_state         varchar(16),
    ADD COLUMN sla_next_deadline timestamptz,
    ADD COLUMN sla_computed_at   timestamptz;

ALTER TABLE ticket
    -- 0 = an SLA deadline already passed
    ADD COLUMN sla_breach_rank  smallint    GENERATED ALWAYS AS (CASE WHEN sla_state = 'breached' THEN 0 ELSE 1 END) STORED,
    -- no running clock (paused, met, none yet) sorts after every real deadline
    ADD COLUMN sla_deadline_key timestamptz GENERATED ALWAYS AS
        (COALESCE(sla_next_deadline, TIMESTAMPTZ '9999-12-31 00:00:00+00')) STORED,
    -- 0 = VIP at high churn risk ... 5 = standard customer, low/unknown churn risk
    ADD COLUMN value_rank       smallint    GENERATED ALWAYS AS (
        (CASE WHEN customer_tier = 'vip' THEN 0 ELSE 3 END)
        + (CASE churn_risk_level WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END)) STORED;

DROP INDEX ticket_queue_idx;
CREATE INDEX ticket_queue_idx ON ticket (sla_breach_rank, sla_deadline_key, value_rank, urgency_rank, waiting_since, id)
    WHERE waiting_since IS NOT NULL;
