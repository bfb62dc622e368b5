package com.quimbi.crm.analytics.customer;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.analytics.report.DateRange;
import com.quimbi.crm.analytics.ticket.TicketAnalytics;

/**
 * Customer insights from ticket_fact (customer id from ticket.created, merges applied; churn and tier from the
 * newest enrichment; tier also from customer events). Customers appear by id only: analytics stores no names or
 * e-mail addresses.
 */
@Service
@Transactional(readOnly = true)
public class CustomerAnalytics {

    static final String TIER = "coalesce(c.tier, t.customer_tier, 'standard')";
    static final String RESOLUTION = "extract(epoch FROM t.resolved_at - t.created_at)";

    public record TopCustomer(UUID customerId, String tier, long tickets, long open, long reopened,
            Double churnRisk) {
    }

    public record ChurnRisk(UUID customerId, String tier, Double churnRisk, String churnLevel, long openTickets,
            List<UUID> openTicketIds) {
    }

    public record Segment(String segment, long tickets, long resolved, Double firstReplyAvgSeconds,
            Double resolutionAvgSeconds, Double resolutionP50Seconds, Double resolutionP90Seconds) {
    }

    public record RepeatIssue(UUID customerId, String category, UUID ticketId, UUID previousTicketId,
            Double daysSincePrevious) {
    }

    private final JdbcTemplate jdbc;
    private final TicketAnalytics tickets;

    CustomerAnalytics(JdbcTemplate jdbc, TicketAnalytics tickets) {
        this.jdbc = jdbc;
        this.tickets = tickets;
    }

    /** Customers with the most tickets created in the range. */
    public List<TopCustomer> top(DateRange range, int limit) {
        // counted per customer first, the tier looked up for the top rows only: joining customer_dim before grouping
        // hashed every customer (AnalyticsQueryBench, 100,000 customers)
        return jdbc.query("""
                SELECT g.customer_id, coalesce(c.tier, g.tier), g.tickets, g.open, g.reopened, g.churn
                FROM (SELECT t.customer_id, max(coalesce(t.customer_tier, 'standard')) AS tier, count(*) AS tickets,
                             count(*) FILTER (WHERE t.status NOT IN ('solved', 'closed')) AS open,
                             count(*) FILTER (WHERE t.reopen_count > 0) AS reopened, max(t.churn_risk) AS churn
                      FROM ticket_fact t
                      WHERE t.created_at >= ? AND t.created_at < ? AND t.customer_id IS NOT NULL AND t.deleted_at IS NULL
                      GROUP BY t.customer_id ORDER BY 3 DESC, 1 LIMIT ?) g
                LEFT JOIN customer_dim c ON c.customer_id = g.customer_id
                ORDER BY g.tickets DESC, g.customer_id""",
                (rs, n) -> new TopCustomer(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), dbl(rs.getDouble(6), rs.wasNull())),
                start(range), end(range), limit);
    }

    /**
     * Customers at high churn risk (level high, or risk ≥ {@code minRisk}) with unresolved tickets now: the open set
     * (partial index), not a range.
     */
    public List<ChurnRisk> churn(double minRisk, int limit) {
        return jdbc.query("""
                SELECT t.customer_id, max(%s), max(t.churn_risk), max(t.churn_level), count(*),
                       array_agg(t.ticket_id ORDER BY t.created_at)
                FROM ticket_fact t LEFT JOIN customer_dim c ON c.customer_id = t.customer_id
                WHERE t.status NOT IN ('solved', 'closed') AND t.deleted_at IS NULL AND t.customer_id IS NOT NULL
                  AND (t.churn_level = 'high' OR t.churn_risk >= ?)
                GROUP BY t.customer_id ORDER BY 3 DESC NULLS LAST, 5 DESC, 1 LIMIT ?""".formatted(TIER),
                (rs, n) -> new ChurnRisk(rs.getObject(1, UUID.class), rs.getString(2),
                        dbl(rs.getDouble(3), rs.wasNull()), rs.getString(4), rs.getLong(5),
                        Arrays.stream((Object[]) rs.getArray(6).getArray())
                                .map(id -> UUID.fromString(String.valueOf(id))).toList()),
                minRisk, limit);
    }

    /** Tickets created in the range: VIP customers against everyone. */
    public List<Segment> vip(DateRange range) {
        String select = """
                SELECT %%s, count(*), count(t.resolved_at), avg(extract(epoch FROM t.first_reply_at - t.created_at)),
                       avg(%1$s), percentile_cont(0.5) WITHIN GROUP (ORDER BY %1$s),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY %1$s)
                FROM ticket_fact t LEFT JOIN customer_dim c ON c.customer_id = t.customer_id
                WHERE t.created_at >= ? AND t.created_at < ? AND t.deleted_at IS NULL""".formatted(RESOLUTION);
        List<Segment> rows = new java.util.ArrayList<>(jdbc.query(select.formatted("'vip'") + " AND " + TIER + " = 'vip'",
                (rs, n) -> segment(rs), start(range), end(range)));
        // everyone: from ticket_rollup where it covers the range (percentiles within 4 %), else the ticket rows
        tickets.created(range).ifPresentOrElse(
                all -> rows.add(new Segment("everyone", all.tickets(), all.resolved(), all.firstReplyAvgSeconds(),
                        all.resolutionAvgSeconds(), all.resolutionP50Seconds(), all.resolutionP90Seconds())),
                () -> rows.addAll(jdbc.query(select.formatted("'everyone'"), (rs, n) -> segment(rs), start(range),
                        end(range))));
        return rows;
    }

    /** Tickets in the range whose customer opened one of the same category less than {@code days} days before. */
    public List<RepeatIssue> repeatIssues(DateRange range, int days, int limit) {
        return jdbc.query("""
                SELECT customer_id, category, ticket_id, previous_id,
                       extract(epoch FROM created_at - previous_at) / 86400.0
                FROM (SELECT customer_id, coalesce(category, 'uncategorized') AS category, ticket_id, created_at,
                             lag(ticket_id) OVER w AS previous_id, lag(created_at) OVER w AS previous_at
                      FROM ticket_fact
                      WHERE created_at >= ? AND created_at < ? AND customer_id IS NOT NULL AND deleted_at IS NULL
                      WINDOW w AS (PARTITION BY customer_id, coalesce(category, 'uncategorized') ORDER BY created_at)) r
                WHERE previous_id IS NOT NULL AND created_at >= ? AND created_at - previous_at < ?::interval
                ORDER BY created_at DESC, ticket_id LIMIT ?""",
                (rs, n) -> new RepeatIssue(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), rs.getDouble(5)),
                Timestamp.from(range.start().minus(Duration.ofDays(days))), end(range), start(range),
                days + " days", limit);
    }

    private static Segment segment(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Segment(rs.getString(1), rs.getLong(2), rs.getLong(3), dbl(rs.getDouble(4), rs.wasNull()),
                dbl(rs.getDouble(5), rs.wasNull()), dbl(rs.getDouble(6), rs.wasNull()),
                dbl(rs.getDouble(7), rs.wasNull()));
    }

    private static Double dbl(double value, boolean wasNull) {
        return wasNull ? null : value;
    }

    private static Timestamp start(DateRange range) {
        return Timestamp.from(range.start());
    }

    private static Timestamp end(DateRange range) {
        return Timestamp.from(range.end());
    }
}
