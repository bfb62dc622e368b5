package com.quimbi.crm.analytics.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.analytics.report.DateRange;
import com.quimbi.crm.platform.problem.InvalidInputException;

/**
 * Ticket analytics from ticket_fact and ticket_count. Every query is bounded by a range on an indexed time column
 * (created_at, first_resolved_at) or reads a maintained aggregate; none scans the whole history.
 */
@Service
@Transactional(readOnly = true)
public class TicketAnalytics {

    static final String LIVE = " deleted_at IS NULL AND created_at IS NOT NULL ";
    static final String RESOLUTION = "extract(epoch FROM resolved_at - created_at)";
    static final String FIRST_REPLY = "extract(epoch FROM first_reply_at - created_at)";

    private final JdbcTemplate jdbc;
    private final TicketRollups rollups;

    TicketAnalytics(JdbcTemplate jdbc, TicketRollups rollups) {
        this.jdbc = jdbc;
        this.rollups = rollups;
    }

    /** Every known, not deleted ticket by its current status, channel and priority (kept by the consumers). */
    public TicketSummary summary() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (String dimension : List.of("status", "channel", "priority")) {
            counts.put(dimension, new LinkedHashMap<>());
        }
        jdbc.query("SELECT dimension, value, tickets FROM ticket_count WHERE tickets > 0 ORDER BY dimension, value",
                rs -> {
                    counts.get(rs.getString(1)).put(rs.getString(2), rs.getLong(3));
                });
        long total = counts.get("status").values().stream().mapToLong(Long::longValue).sum();
        return new TicketSummary(total, counts.get("status"), counts.get("channel"), counts.get("priority"));
    }

    public record VolumeBucket(String bucket, long created, long resolved) {
    }

    /** Tickets created and first resolved per day, week (ISO, from Monday) or month in the range's zone. */
    public List<VolumeBucket> volume(DateRange range, String interval) {
        if (!List.of("day", "week", "month").contains(interval)) {
            throw new InvalidInputException("interval", "is not one of day, week, month");
        }
        // from the 15-minute slots kept by the consumers (ticket_volume), never the tickets themselves
        return jdbc.query("SELECT to_char(date_trunc('" + interval + "', slot AT TIME ZONE ?), 'YYYY-MM-DD'), "
                + "sum(created), sum(resolved) FROM ticket_volume WHERE slot >= ? AND slot < ? GROUP BY 1 "
                + "HAVING sum(created) > 0 OR sum(resolved) > 0 ORDER BY 1",
                (rs, n) -> new VolumeBucket(rs.getString(1), rs.getLong(2), rs.getLong(3)), range.zone().getId(),
                ts(range), te(range));
    }
    public record Breakdown(String value, long tickets, long resolved, Double firstReplyAvgSeconds,
            Double resolutionAvgSeconds, Double resolutionP50Seconds) {
    }

    /**
     * Tickets created in the range by channel or by category (from enrichment; "uncategorized" without one), from
     * ticket_rollup; the median from its histogram (within 4 %).
     */
    public List<Breakdown> breakdown(DateRange range, String column) {
        if (!TicketRollups.covers(range)) {
            return exactBreakdown(range, column);
        }
        List<Breakdown> rows = new java.util.ArrayList<>();
        rollups.totals(range, "created", column, null, List.of("resolution_hist")).forEach((value, t) -> {
            if (t.sum("tickets") > 0) {
                rows.add(new Breakdown(value, t.sum("tickets"), t.sum("resolved"),
                        t.average("first_reply_seconds", "first_replies"),
                        t.average("resolution_seconds", "resolutions"),
                        t.histogram("resolution_hist").percentile(0.5)));
            }
        });
        rows.sort(java.util.Comparator.comparingLong(Breakdown::tickets).reversed().thenComparing(Breakdown::value));
        return rows;
    }

    /** Every ticket created in the range together: count, resolved, averages, resolution p50 and p90. */
    public record Created(long tickets, long resolved, Double firstReplyAvgSeconds, Double resolutionAvgSeconds,
            Double resolutionP50Seconds, Double resolutionP90Seconds) {
    }

    /** {@link Created} from ticket_rollup, empty for a range it does not cover (another zone's days). */
    public java.util.Optional<Created> created(DateRange range) {
        if (!TicketRollups.covers(range)) {
            return java.util.Optional.empty();
        }
        TicketRollups.Totals t = rollups.total(range, "created", "all", List.of(""), List.of("resolution_hist"));
        return java.util.Optional.of(new Created(t.sum("tickets"), t.sum("resolved"),
                t.average("first_reply_seconds", "first_replies"), t.average("resolution_seconds", "resolutions"),
                t.histogram("resolution_hist").percentile(0.5), t.histogram("resolution_hist").percentile(0.9)));
    }

    /** The same from the ticket rows (a range in a zone whose midnight is not UTC's), percentiles exact. */
    List<Breakdown> exactBreakdown(DateRange range, String column) {
        String group = "category".equals(column) ? "coalesce(category, 'uncategorized')" : "channel";
        return jdbc.query("SELECT " + group + ", count(*), count(resolved_at), avg(" + FIRST_REPLY + "), avg("
                + RESOLUTION + "), percentile_cont(0.5) WITHIN GROUP (ORDER BY " + RESOLUTION + ") "
                + "FROM ticket_fact WHERE created_at >= ? AND created_at < ? AND deleted_at IS NULL "
                + "GROUP BY 1 ORDER BY 2 DESC, 1",
                (rs, n) -> new Breakdown(rs.getString(1), rs.getLong(2), rs.getLong(3), dbl(rs, 4), dbl(rs, 5),
                        dbl(rs, 6)), ts(range), te(range));
    }

    public record Bucket(String bucket, long tickets) {
    }

    public record Resolution(long resolved, Double avgSeconds, Double p50Seconds, Double p75Seconds,
            Double p90Seconds, Double p95Seconds, Double p99Seconds, Double firstReplyAvgSeconds,
            Double firstReplyP95Seconds, Double agentWorkAvgSeconds, Double requesterWaitAvgSeconds,
            Double onHoldAvgSeconds, Double reopenRate, Double oneTouchRate, Double firstReplyBusinessAvgSeconds,
            Double firstReplyBusinessP95Seconds, Double resolutionBusinessAvgSeconds,
            Double resolutionBusinessP50Seconds, Double resolutionBusinessP95Seconds, long csatRatings,
            Double csatAverage, List<Bucket> distribution) {
    }

    static final String[][] BUCKETS = {
        {"< 1 h", "3600"}, {"1–4 h", "14400"}, {"4–8 h", "28800"}, {"8–24 h", "86400"}, {"1–3 d", "259200"},
        {"3–7 d", "604800"}, {"≥ 7 d", null}};

    /**
     * Tickets first resolved in the range (optionally one priority, or those an agent of {@code team} resolved):
     * full resolution time percentiles and its distribution, and the per-ticket averages.
     */
    public Resolution resolution(DateRange range, String priority, List<String> agents) {
        if (!TicketRollups.covers(range) || (priority != null && agents != null)) {
            return exactResolution(range, priority, agents);
        }
        List<String> histograms = com.quimbi.crm.analytics.fact.TicketRollup.TABLE.histograms();
        TicketRollups.Totals t = priority != null
                ? rollups.total(range, "resolved", "priority", List.of(priority), histograms)
                : agents != null ? rollups.total(range, "resolved", "agent", agents, histograms)
                : rollups.total(range, "resolved", "all", List.of(""), histograms);
        List<Bucket> distribution = new java.util.ArrayList<>();
        String[] columns = {"within_1h", "within_4h", "within_8h", "within_24h", "within_3d", "within_7d", "over_7d"};
        for (int i = 0; i < BUCKETS.length; i++) {
            distribution.add(new Bucket(BUCKETS[i][0], t.sum(columns[i])));
        }
        var resolution = t.histogram("resolution_hist");
        var business = t.histogram("resolution_business_hist");
        Object[] csat = csat(range, priority, agents);
        return new Resolution(t.sum("tickets"), t.average("resolution_seconds", "resolutions"),
                resolution.percentile(0.5), resolution.percentile(0.75), resolution.percentile(0.9),
                resolution.percentile(0.95), resolution.percentile(0.99),
                t.average("first_reply_seconds", "first_replies"), t.histogram("first_reply_hist").percentile(0.95),
                t.average("work_seconds", "tickets"), t.average("wait_seconds", "tickets"),
                t.average("on_hold_seconds", "tickets"), t.average("reopened", "tickets"),
                t.average("one_touch", "tickets"),
                t.average("first_reply_business_seconds", "first_replies_business"),
                t.histogram("first_reply_business_hist").percentile(0.95),
                t.average("resolution_business_seconds", "resolutions_business"), business.percentile(0.5),
                business.percentile(0.95), (Long) csat[0], (Double) csat[1], distribution);
    }

    /**
     * CSAT of the tickets first resolved in the range: rated tickets only (the partial index on csat_rated_at), so
     * no range of ticket rows is read. No source until csat.rated exists (issue #22).
     */
    private Object[] csat(DateRange range, String priority, List<String> agents) {
        return jdbc.queryForObject("SELECT count(csat_score), avg(csat_score) FROM ticket_fact WHERE csat_rated_at IS "
                + "NOT NULL AND first_resolved_at >= ? AND first_resolved_at < ? AND deleted_at IS NULL "
                + "AND created_at IS NOT NULL AND (?::text IS NULL OR priority = ?) "
                + "AND (?::text[] IS NULL OR resolved_by = ANY (?))",
                (rs, n) -> new Object[] {rs.getLong(1), dbl(rs, 2)}, ts(range), te(range), priority, priority,
                agents == null ? null : agents.toArray(String[]::new),
                agents == null ? null : agents.toArray(String[]::new));
    }

    /** The same from the ticket rows (both priority and team, or a zone whose midnight is not UTC's). */
    Resolution exactResolution(DateRange range, String priority, List<String> agents) {
        StringBuilder where = new StringBuilder(" WHERE first_resolved_at >= ? AND first_resolved_at < ? "
                + "AND deleted_at IS NULL AND created_at IS NOT NULL");
        List<Object> args = new java.util.ArrayList<>(List.of(ts(range), te(range)));
        if (priority != null) {
            where.append(" AND priority = ?");
            args.add(priority);
        }
        if (agents != null) {
            where.append(" AND resolved_by = ANY (?)");
            args.add(agents.toArray(String[]::new));
        }
        StringBuilder buckets = new StringBuilder();
        long lower = 0;
        for (String[] bucket : BUCKETS) {
            buckets.append(", count(*) FILTER (WHERE ").append(RESOLUTION).append(" >= ").append(lower);
            if (bucket[1] != null) {
                buckets.append(" AND ").append(RESOLUTION).append(" < ").append(bucket[1]);
                lower = Long.parseLong(bucket[1]);
            }
            buckets.append(")");
        }
        String sql = "SELECT count(*), avg(" + RESOLUTION + "), "
                + percentiles(RESOLUTION, 0.5, 0.75, 0.9, 0.95, 0.99) + ", avg(" + FIRST_REPLY + "), "
                + percentiles(FIRST_REPLY, 0.95) + ", avg(new_seconds + open_seconds), "
                + "avg(new_seconds + open_seconds + on_hold_seconds), avg(on_hold_seconds), "
                + "avg(CASE WHEN reopen_count > 0 THEN 1.0 ELSE 0 END), avg(CASE WHEN one_touch THEN 1.0 ELSE 0 END)"
                + buckets + ", avg(first_reply_business_seconds), " + percentiles("first_reply_business_seconds", 0.95)
                + ", avg(resolution_business_seconds), "
                + percentiles("resolution_business_seconds", 0.5, 0.95) + ", count(csat_score), avg(csat_score)"
                + " FROM ticket_fact" + where;
        return jdbc.queryForObject(sql, (rs, n) -> {
            List<Bucket> distribution = new java.util.ArrayList<>();
            for (int i = 0; i < BUCKETS.length; i++) {
                distribution.add(new Bucket(BUCKETS[i][0], rs.getLong(15 + i)));
            }
            int b = 15 + BUCKETS.length; // business time and CSAT follow the buckets
            return new Resolution(rs.getLong(1), dbl(rs, 2), dbl(rs, 3), dbl(rs, 4), dbl(rs, 5), dbl(rs, 6),
                    dbl(rs, 7), dbl(rs, 8), dbl(rs, 9), dbl(rs, 10), dbl(rs, 11), dbl(rs, 12), dbl(rs, 13),
                    dbl(rs, 14), dbl(rs, b), dbl(rs, b + 1), dbl(rs, b + 2), dbl(rs, b + 3), dbl(rs, b + 4),
                    rs.getLong(b + 5), dbl(rs, b + 6), distribution);
        }, args.toArray());
    }

    /** p95 of full resolution time of tickets first resolved in the range (the targets' one number: one sort). */
    public Double resolutionP95(DateRange range, List<String> agents) {
        if (TicketRollups.covers(range)) {
            List<String> histogram = List.of("resolution_hist");
            return (agents == null ? rollups.total(range, "resolved", "all", List.of(""), histogram)
                    : rollups.total(range, "resolved", "agent", agents, histogram)).histogram("resolution_hist")
                    .percentile(0.95);
        }
        String sql = "SELECT " + percentiles(RESOLUTION, 0.95) + " FROM ticket_fact WHERE first_resolved_at >= ? "
                + "AND first_resolved_at < ? AND deleted_at IS NULL AND created_at IS NOT NULL"
                + (agents == null ? "" : " AND resolved_by = ANY (?)");
        Object[] args = agents == null ? new Object[] {ts(range), te(range)}
                : new Object[] {ts(range), te(range), agents.toArray(String[]::new)};
        return jdbc.queryForObject(sql, (rs, n) -> dbl(rs, 1), args);
    }

    /** p95 of first reply time of tickets created in the range (those answered), optionally by team's agents. */
    public Double firstReplyP95(DateRange range, List<String> agents) {
        if (TicketRollups.covers(range)) {
            List<String> histogram = List.of("first_reply_hist");
            return (agents == null ? rollups.total(range, "created", "all", List.of(""), histogram)
                    : rollups.total(range, "created", "agent", agents, histogram)).histogram("first_reply_hist")
                    .percentile(0.95);
        }
        String sql = "SELECT " + percentiles(FIRST_REPLY, 0.95) + " FROM ticket_fact WHERE created_at >= ? "
                + "AND created_at < ? AND first_reply_at IS NOT NULL AND deleted_at IS NULL"
                + (agents == null ? "" : " AND first_reply_agent = ANY (?)");
        Object[] args = agents == null ? new Object[] {ts(range), te(range)}
                : new Object[] {ts(range), te(range), agents.toArray(String[]::new)};
        return jdbc.queryForObject(sql, (rs, n) -> dbl(rs, 1), args);
    }

    /**
     * Average CSAT score of tickets rated in the range (null without ratings): no source until csat.rated exists
     * (issue #22), so null today; the targets endpoint shows it as no_data.
     */
    public Double csatAverage(DateRange range, List<String> agents) {
        String sql = "SELECT avg(csat_score) FROM ticket_fact WHERE csat_rated_at >= ? AND csat_rated_at < ? "
                + "AND deleted_at IS NULL" + (agents == null ? "" : " AND resolved_by = ANY (?)");
        Object[] args = agents == null ? new Object[] {ts(range), te(range)}
                : new Object[] {ts(range), te(range), agents.toArray(String[]::new)};
        return jdbc.queryForObject(sql, (rs, n) -> dbl(rs, 1), args);
    }

    static String percentiles(String expression, double... fractions) {
        StringBuilder out = new StringBuilder();
        for (double fraction : fractions) {
            out.append(out.isEmpty() ? "" : ", ").append("percentile_cont(").append(fraction)
                    .append(") WITHIN GROUP (ORDER BY ").append(expression).append(")");
        }
        return out.toString();
    }

    static Double dbl(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    static Timestamp ts(DateRange range) {
        return Timestamp.from(range.start());
    }

    static Timestamp te(DateRange range) {
        return Timestamp.from(range.end());
    }
}
