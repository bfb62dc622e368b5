-- GET /api/tickets?slaState=at_risk,breached (the console's "at risk & breached" inbox): the few tickets in those
-- states found by this index, then ordered by smart_due (a sort over a small set, not a scan of every live ticket).
CREATE INDEX ticket_sla_state_smart_idx ON ticket (sla_state, smart_due, id) WHERE deleted_at IS NULL;
