-- Business time (crm.analytics.business-hours; README "Business time") and the CSAT columns.
-- Business seconds are written with the ticket's timeline from now on; rows of earlier tickets stay NULL (per ticket)
-- and 0 (agent sums) until `./crm analytics rebuild` replays them.
ALTER TABLE ticket_fact
    ADD COLUMN first_reply_business_seconds bigint,
    ADD COLUMN resolution_business_seconds  bigint,
    -- CSAT: no source until csat.rated exists (issue #22); NULL = not rated
    ADD COLUMN csat_score                   smallint,
    ADD COLUMN csat_rated_at                timestamptz;

ALTER TABLE agent_daily_metrics
    ADD COLUMN first_reply_business_seconds bigint NOT NULL DEFAULT 0,
    ADD COLUMN resolution_business_seconds  bigint NOT NULL DEFAULT 0,
    ADD COLUMN csat_ratings                 bigint NOT NULL DEFAULT 0,
    ADD COLUMN csat_score_sum               bigint NOT NULL DEFAULT 0;
CREATE INDEX ticket_fact_csat_idx ON ticket_fact (csat_rated_at) WHERE csat_rated_at IS NOT NULL;
