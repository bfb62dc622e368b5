-- Seeded rules so the local stack alerts out of the box (admins change them at /api/notifications/rules).
-- Slack destinations wait for a connected workspace (PUT /api/slack/workspace): until then they are skipped.
INSERT INTO notification_rule (id, name, event_kind, filters, destinations, updated_by) VALUES
 ('0193a0c4-0000-7000-8000-00000000a001', 'SLA breaches to #support-alerts', 'sla_breach', '{}',
  '[{"type":"slack_channel","channel":"#support-alerts"}]', 'system'),
 ('0193a0c4-0000-7000-8000-00000000a002', 'SLA warnings to #support-alerts', 'sla_warning', '{}',
  '[{"type":"slack_channel","channel":"#support-alerts"}]', 'system'),
 ('0193a0c4-0000-7000-8000-00000000a003', 'SLA breaches e-mailed to the holder', 'sla_breach', '{}',
  '[{"type":"email"}]', 'system'),
 ('0193a0c4-0000-7000-8000-00000000a004', 'New urgent tickets to #support-alerts', 'urgent_ticket', '{}',
  '[{"type":"slack_channel","channel":"#support-alerts"}]', 'system'),
 ('0193a0c4-0000-7000-8000-00000000a005', 'VIP and high churn-risk customers to #support-alerts', 'vip_customer', '{}',
  '[{"type":"slack_channel","channel":"#support-alerts"}]', 'system'),
 ('0193a0c4-0000-7000-8000-00000000a006', '@mentions to the agent', 'mention', '{}',
  '[{"type":"websocket"},{"type":"slack_dm"},{"type":"email"}]', 'system'),
 ('0193a0c4-0000-7000-8000-00000000a007', 'Assigned tickets as a Slack DM', 'agent_assigned', '{}',
  '[{"type":"slack_dm"}]', 'system');
