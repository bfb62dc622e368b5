-- Tickets created and first resolved per 15-minute slot (UTC), kept by the consumers with ticket_fact: the volume
-- report sums a range's slots instead of counting its tickets (AnalyticsQueryBench: 366 days over a million tickets).
-- Every zone's offset is a multiple of 15 minutes, so days, weeks and months in any zone are whole slots.
-- Deleted tickets do not count (as before); filled here from the tickets already known.
CREATE TABLE ticket_volume (
    slot     timestamptz PRIMARY KEY,
    created  bigint      NOT NULL DEFAULT 0,
    resolved bigint      NOT NULL DEFAULT 0
);
INSERT INTO ticket_volume (slot, created, resolved)
SELECT slot, sum(created), sum(resolved)
FROM (SELECT date_bin('15 minutes', created_at, timestamptz '2000-01-01 00:00:00+00') AS slot, 1 AS created, 0 AS resolved
      FROM ticket_fact WHERE created_at IS NOT NULL AND deleted_at IS NULL
      UNION ALL
      SELECT date_bin('15 minutes', first_resolved_at, timestamptz '2000-01-01 00:00:00+00'), 0, 1
      FROM ticket_fact WHERE first_resolved_at IS NOT NULL AND deleted_at IS NULL) t
GROUP BY slot;
