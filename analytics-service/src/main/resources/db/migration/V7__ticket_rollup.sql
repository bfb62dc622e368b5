-- Daily and monthly rollups of the tickets (TicketRollup): the channel, category and resolution reports and the
-- targets sum a range's rows here instead of reading its ticket rows (AnalyticsQueryBench: a 30-day range is
-- ~41,000 tickets, a year ~500,000). Kept by the consumers with ticket_fact, in the same transaction (Sums).
--   basis 'created':  tickets created that UTC day / month, by dimension all | channel | category | agent (first
--                     replier);
--   basis 'resolved': tickets first resolved that day / month, by dimension all | priority | agent (resolver).
-- Percentiles come from the four histograms (log-scale buckets, within 4 %: README "Percentiles from rollups").

-- The histogram's bucket bounds, the same arithmetic as Histogram.LOWER: 1, then ×1.08 a step rounded up, skipping
-- repeats, until past 10,000,000 s. hist_bucket(s) = how many bounds are ≤ s (0 below 1 s).
DO $$
DECLARE
    bounds bigint[] := ARRAY[1];
    x double precision := 1.0;
    next bigint;
BEGIN
    WHILE bounds[array_length(bounds, 1)] <= 10000000 LOOP
        x := x * 1.08;
        next := ceil(x)::bigint;
        IF next > bounds[array_length(bounds, 1)] THEN
            bounds := bounds || next;
        END IF;
    END LOOP;
    EXECUTE format('CREATE FUNCTION hist_bucket(seconds bigint) RETURNS integer LANGUAGE sql IMMUTABLE '
        'AS %L', format('SELECT width_bucket(seconds, %L::bigint[])', bounds));
    EXECUTE format('CREATE FUNCTION hist_buckets() RETURNS integer LANGUAGE sql IMMUTABLE AS %L',
        format('SELECT %s', array_length(bounds, 1) + 1));
END $$;

-- bucket-wise sum of two histograms (the rollup upsert)
CREATE FUNCTION hist_add(a bigint[], b bigint[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $$
    SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS u(x, y, i)
$$;

-- the histogram of a list of durations (NULLs left out)
CREATE FUNCTION hist_of(seconds bigint[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $$
    SELECT array_agg(coalesce(c, 0) ORDER BY b)
    FROM generate_series(0, hist_buckets() - 1) b
    LEFT JOIN (SELECT hist_bucket(s) AS bucket, count(*) AS c FROM unnest(seconds) s WHERE s IS NOT NULL GROUP BY 1) x
        ON x.bucket = b
$$;

CREATE TABLE ticket_rollup (
    basis                        varchar(8)  NOT NULL,
    dimension                    varchar(16) NOT NULL,
    value                        varchar(64) NOT NULL,
    grain                        char(1)     NOT NULL,
    period                       date        NOT NULL,
    tickets                      bigint      NOT NULL DEFAULT 0,
    resolved                     bigint      NOT NULL DEFAULT 0,
    first_replies                bigint      NOT NULL DEFAULT 0,
    first_reply_seconds          bigint      NOT NULL DEFAULT 0,
    resolutions                  bigint      NOT NULL DEFAULT 0,
    resolution_seconds           bigint      NOT NULL DEFAULT 0,
    work_seconds                 bigint      NOT NULL DEFAULT 0,
    wait_seconds                 bigint      NOT NULL DEFAULT 0,
    on_hold_seconds              bigint      NOT NULL DEFAULT 0,
    reopened                     bigint      NOT NULL DEFAULT 0,
    one_touch                    bigint      NOT NULL DEFAULT 0,
    first_replies_business       bigint      NOT NULL DEFAULT 0,
    first_reply_business_seconds bigint      NOT NULL DEFAULT 0,
    resolutions_business         bigint      NOT NULL DEFAULT 0,
    resolution_business_seconds  bigint      NOT NULL DEFAULT 0,
    within_1h                    bigint      NOT NULL DEFAULT 0,
    within_4h                    bigint      NOT NULL DEFAULT 0,
    within_8h                    bigint      NOT NULL DEFAULT 0,
    within_24h                   bigint      NOT NULL DEFAULT 0,
    within_3d                    bigint      NOT NULL DEFAULT 0,
    within_7d                    bigint      NOT NULL DEFAULT 0,
    over_7d                      bigint      NOT NULL DEFAULT 0,
    resolution_hist              bigint[]    NOT NULL,
    first_reply_hist             bigint[]    NOT NULL,
    first_reply_business_hist    bigint[]    NOT NULL,
    resolution_business_hist     bigint[]    NOT NULL,
    PRIMARY KEY (basis, dimension, value, grain, period)
);

-- The rollup as it follows from ticket_fact now, computed from scratch (TicketRollup's definition in SQL): fills
-- the table below and AnalyticsSeeder's, and the consumer IT compares the kept rows with it.
CREATE FUNCTION ticket_rollup_expected() RETURNS TABLE (basis text, dimension text, value text, grain text,
    period date, tickets bigint, resolved bigint, first_replies bigint, first_reply_seconds bigint,
    resolutions bigint, resolution_seconds bigint, work_seconds bigint, wait_seconds bigint, on_hold_seconds bigint,
    reopened bigint, one_touch bigint, first_replies_business bigint, first_reply_business_seconds bigint,
    resolutions_business bigint, resolution_business_seconds bigint, within_1h bigint, within_4h bigint,
    within_8h bigint, within_24h bigint, within_3d bigint, within_7d bigint, over_7d bigint,
    resolution_hist bigint[], first_reply_hist bigint[], first_reply_business_hist bigint[],
    resolution_business_hist bigint[]) LANGUAGE sql STABLE AS $$
WITH t AS (
    SELECT channel, coalesce(category, 'uncategorized') AS category, priority, first_reply_agent, resolved_by,
           (created_at AT TIME ZONE 'UTC')::date AS created_day,
           (first_resolved_at AT TIME ZONE 'UTC')::date AS resolved_day,
           resolved_at IS NOT NULL AS is_resolved,
           floor(extract(epoch FROM first_reply_at - created_at))::bigint AS fr,
           floor(extract(epoch FROM resolved_at - created_at))::bigint AS res,
           new_seconds + open_seconds AS work, new_seconds + open_seconds + on_hold_seconds AS wait,
           on_hold_seconds AS hold, reopen_count > 0 AS was_reopened, coalesce(one_touch, false) AS touch,
           first_reply_business_seconds AS frb, resolution_business_seconds AS resb
    FROM ticket_fact WHERE created_at IS NOT NULL AND deleted_at IS NULL),
parts AS (
    SELECT 'created' AS basis, d.dimension, d.value, t.created_day AS day, t.is_resolved::int AS resolved, t.fr,
           t.res, 0::bigint AS work, 0::bigint AS wait, 0::bigint AS hold, 0 AS was_reopened, 0 AS touch,
           NULL::bigint AS frb, NULL::bigint AS resb
    FROM t CROSS JOIN LATERAL (VALUES ('all', ''), ('channel', t.channel), ('category', t.category),
                                      ('agent', t.first_reply_agent)) d(dimension, value)
    WHERE d.value IS NOT NULL
    UNION ALL
    SELECT 'resolved', d.dimension, d.value, t.resolved_day, 0, t.fr, t.res, t.work, t.wait, t.hold,
           t.was_reopened::int, t.touch::int, t.frb, t.resb
    FROM t CROSS JOIN LATERAL (VALUES ('all', ''), ('priority', t.priority), ('agent', t.resolved_by))
                                      d(dimension, value)
    WHERE t.resolved_day IS NOT NULL AND d.value IS NOT NULL),
grains AS (
    SELECT p.*, g.grain, CASE g.grain WHEN 'd' THEN p.day ELSE date_trunc('month', p.day)::date END AS period
    FROM parts p CROSS JOIN (VALUES ('d'), ('m')) g(grain))
SELECT basis::text, dimension::text, value::text, grain::text, period, count(*), sum(resolved), count(fr),
       coalesce(sum(fr), 0)::bigint, count(res), coalesce(sum(res), 0)::bigint, sum(work)::bigint, sum(wait)::bigint, sum(hold)::bigint, sum(was_reopened),
       sum(touch), count(frb), coalesce(sum(frb), 0)::bigint, count(resb), coalesce(sum(resb), 0)::bigint,
       count(*) FILTER (WHERE basis = 'resolved' AND res < 3600),
       count(*) FILTER (WHERE basis = 'resolved' AND res >= 3600 AND res < 14400),
       count(*) FILTER (WHERE basis = 'resolved' AND res >= 14400 AND res < 28800),
       count(*) FILTER (WHERE basis = 'resolved' AND res >= 28800 AND res < 86400),
       count(*) FILTER (WHERE basis = 'resolved' AND res >= 86400 AND res < 259200),
       count(*) FILTER (WHERE basis = 'resolved' AND res >= 259200 AND res < 604800),
       count(*) FILTER (WHERE basis = 'resolved' AND res >= 604800),
       hist_of(array_agg(res)), hist_of(array_agg(fr)), hist_of(array_agg(frb)), hist_of(array_agg(resb))
FROM grains GROUP BY basis, dimension, value, grain, period
$$;

INSERT INTO ticket_rollup SELECT * FROM ticket_rollup_expected();
