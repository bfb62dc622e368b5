package com.quimbi.crm.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills analytics-service's own fact and aggregate tables with a history of {@code tickets} tickets over
 * {@code days} days, in bulk inside Postgres ({@code INSERT … SELECT … FROM generate_series}), never through the API
 * or Kafka: the query benchmark measures reads, and a million tickets through the pipeline would take hours here.
 *
 * <p>The shape the queries see: ticket_fact (statuses, first reply, first and last resolution, reopens, one-touch,
 * time per status, assignee, enrichment snapshot, customer among {@code customers} with a skew towards a few heavy
 * ones), sla_outcome (a first_response and a resolution clock per answered / resolved ticket, ~5-20 % breached),
 * agent_daily_metrics summed from those tickets per assignee and UTC day, ticket_count, ticket_volume, agent_dim (60 agents in
 * 6 teams, 2 departments, 2 skills each) and customer_dim (5 % vip). Tickets created in the last 45 days are
 * unresolved with a 40 % chance, older ones are resolved. message_fact, status intervals and assignments are left
 * empty: no report reads them.
 */
public final class AnalyticsSeeder {

    public static final int AGENTS = 60;

    private AnalyticsSeeder() {
    }

    public static String agent(int n) {
        return "bench-agent-" + String.format("%02d", n);
    }

    /** Seeds and returns a one-line report of the time each part took. */
    public static String seed(String jdbcUrl, String user, String password, int tickets, int customers, int days)
            throws SQLException {
        List<String> report = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement st = c.createStatement()) {
            long start = System.nanoTime();
            st.execute("SELECT setseed(0.42)");
            st.execute("INSERT INTO agent_dim (agent_id, name, team, department, role, active, updated_at, skills) "
                    + "SELECT 'bench-agent-' || lpad(g::text, 2, '0'), 'Agent ' || g, 'team-' || (g % 6), "
                    + "'dept-' || (g % 2), 'agent', true, now(), ARRAY['skill-' || (g % 4), 'skill-' || ((g + 1) % 4)] "
                    + "FROM generate_series(0, " + (AGENTS - 1) + ") g");
            st.execute("INSERT INTO customer_dim (customer_id, tier, updated_at) "
                    + "SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, "
                    + "CASE WHEN g % 20 = 0 THEN 'vip' WHEN g % 5 = 0 THEN 'premium' ELSE 'standard' END, now() "
                    + "FROM generate_series(0, " + (customers - 1) + ") g");
            List<String> indexes = dropIndexes(st);
            report.add(String.format("dims %.1f s", (System.nanoTime() - start) / 1e9));

            start = System.nanoTime();
            st.execute(ticketsSql(tickets, customers, days));
            report.add(String.format("%,d tickets %.1f s", tickets, (System.nanoTime() - start) / 1e9));

            start = System.nanoTime();
            st.execute("""
                    INSERT INTO sla_outcome (ticket_id, metric, clock_id, policy_id, deadline, met_at, breached_at,
                                             breached, outcome_at, priority, assignee_id)
                    SELECT ticket_id, 'first_response', md5(ticket_id::text || 'fr')::uuid,
                           '0193a0c4-0000-7000-8000-00000000a003', created_at + interval '4 hours',
                           CASE WHEN first_reply_at <= created_at + interval '4 hours' THEN first_reply_at END,
                           CASE WHEN first_reply_at > created_at + interval '4 hours' THEN created_at + interval '4 hours' END,
                           first_reply_at > created_at + interval '4 hours',
                           least(first_reply_at, created_at + interval '4 hours'), priority, assignee_id
                    FROM ticket_fact WHERE first_reply_at IS NOT NULL
                    UNION ALL
                    SELECT ticket_id, 'resolution', md5(ticket_id::text || 'rs')::uuid,
                           '0193a0c4-0000-7000-8000-00000000a003', created_at + interval '48 hours',
                           CASE WHEN first_resolved_at <= created_at + interval '48 hours' THEN first_resolved_at END,
                           CASE WHEN first_resolved_at > created_at + interval '48 hours' THEN created_at + interval '48 hours' END,
                           first_resolved_at > created_at + interval '48 hours',
                           least(first_resolved_at, created_at + interval '48 hours'), priority, assignee_id
                    FROM ticket_fact WHERE first_resolved_at IS NOT NULL""");
            st.execute("""
                    INSERT INTO agent_daily_metrics (agent_id, day, tickets_assigned, tickets_solved, one_touch_solved,
                        resolution_seconds, reopened, messages_sent, notes_added, first_replies, first_reply_seconds,
                        next_replies, next_reply_seconds, online_seconds, handling_seconds)
                    SELECT assignee_id, (created_at AT TIME ZONE 'UTC')::date, count(*), count(first_resolved_at),
                           count(*) FILTER (WHERE one_touch), coalesce(sum(extract(epoch FROM first_resolved_at - created_at)), 0)::bigint,
                           sum(reopen_count), sum(public_replies), sum(notes), count(first_reply_at),
                           coalesce(sum(extract(epoch FROM first_reply_at - created_at)), 0)::bigint,
                           sum(greatest(public_replies - 1, 0)), sum(greatest(public_replies - 1, 0)) * 1800,
                           8 * 3600, count(*) * 1200
                    FROM ticket_fact GROUP BY 1, 2""");
            st.execute("""
                    INSERT INTO ticket_count (dimension, value, tickets)
                    SELECT 'status', status, count(*) FROM ticket_fact GROUP BY status
                    UNION ALL SELECT 'channel', channel, count(*) FROM ticket_fact GROUP BY channel
                    UNION ALL SELECT 'priority', priority, count(*) FROM ticket_fact GROUP BY priority""");
            st.execute("""
                    INSERT INTO ticket_volume (slot, created, resolved)
                    SELECT slot, sum(created), sum(resolved)
                    FROM (SELECT date_bin('15 minutes', created_at, timestamptz '2000-01-01 00:00:00+00') AS slot,
                                 1 AS created, 0 AS resolved FROM ticket_fact
                          UNION ALL
                          SELECT date_bin('15 minutes', first_resolved_at, timestamptz '2000-01-01 00:00:00+00'), 0, 1
                          FROM ticket_fact WHERE first_resolved_at IS NOT NULL) t
                    GROUP BY slot""");
            report.add(String.format("sla outcomes, agent days, counts %.1f s", (System.nanoTime() - start) / 1e9));

            start = System.nanoTime();
            // the ticket rollup (V7) as the consumers would have kept it: the migration's definition in SQL
            st.execute("INSERT INTO ticket_rollup SELECT * FROM ticket_rollup_expected()");
            report.add(String.format("ticket rollup %.1f s", (System.nanoTime() - start) / 1e9));

            start = System.nanoTime();
            for (String index : indexes) {
                st.execute(index);
            }
            st.execute("VACUUM ANALYZE");
            report.add(String.format("%d indexes + vacuum analyze %.1f s", indexes.size(), (System.nanoTime() - start) / 1e9));
        }
        return String.join(", ", report);
    }

    /** The secondary indexes of the seeded tables are dropped for the load and built once after it. */
    private static List<String> dropIndexes(Statement st) throws SQLException {
        List<String[]> found = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT i.indexname, i.indexdef FROM pg_indexes i "
                + "WHERE i.schemaname = current_schema() AND i.tablename IN ('ticket_fact', 'sla_outcome', "
                + "'agent_daily_metrics') AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)")) {
            while (rs.next()) {
                found.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        List<String> definitions = new ArrayList<>();
        for (String[] index : found) {
            st.execute("DROP INDEX " + index[0]);
            definitions.add(index[1]);
        }
        return definitions;
    }

    static String ticketsSql(int tickets, int customers, int days) {
        // layer 1: random draws per ticket (a volatile subquery is not flattened, so each draw is taken once);
        // layer 2: the ticket's life from them; outer: the columns
        return """
                INSERT INTO ticket_fact (ticket_id, status, priority, channel, created_at, updated_at, customer_id,
                    status_since, new_seconds, open_seconds, pending_seconds, on_hold_seconds, first_reply_at,
                    first_reply_agent, last_reply_agent, public_replies, notes, customer_messages, first_resolved_at,
                    resolved_at, resolved_by, one_touch, reopen_count, assignee_id, assignee_since, category,
                    sentiment, churn_risk, churn_level, customer_tier, enriched_at)
                SELECT id, status, priority, channel, created, coalesce(resolved, replied_at, created), customer,
                       coalesce(resolved, replied_at, created),
                       (reply_s * 0.3)::bigint, (reply_s * 0.7 + work_s * 0.4)::bigint,
                       CASE WHEN resolved IS NULL THEN 0 ELSE (work_s * 0.4)::bigint END,
                       CASE WHEN resolved IS NULL THEN 0 ELSE (work_s * 0.2)::bigint END,
                       replied_at, CASE WHEN replied_at IS NOT NULL THEN agent END,
                       CASE WHEN replied_at IS NOT NULL THEN agent END, replies, notes, 1 + replies / 2,
                       CASE WHEN resolved IS NULL THEN NULL WHEN reopens > 0
                            THEN created + (resolved - created) / 2 ELSE resolved END,
                       resolved, CASE WHEN resolved IS NOT NULL THEN agent END,
                       CASE WHEN resolved IS NOT NULL THEN replies = 1 END, reopens, agent,
                       created + interval '1 minute', category, sentiment, churn,
                       CASE WHEN churn >= 0.8 THEN 'high' WHEN churn >= 0.5 THEN 'medium' ELSE 'low' END,
                       CASE WHEN ci %% 20 = 0 THEN 'vip' WHEN ci %% 5 = 0 THEN 'premium' ELSE 'standard' END,
                       created + interval '5 seconds'
                FROM (
                  SELECT *,
                         CASE WHEN status IN ('solved', 'closed') THEN created + (reply_s + work_s) * interval '1 second' END AS resolved,
                         CASE WHEN status <> 'new' THEN created + reply_s * interval '1 second' END AS replied_at
                  FROM (
                    SELECT *,
                           CASE WHEN created > now() - interval '45 days' AND r_status < 0.4
                                     OR created + (reply_s + work_s) * interval '1 second' > now()
                                THEN (ARRAY['new', 'open', 'pending', 'on_hold'])[1 + floor(r_status * 10)::int %% 4]
                                WHEN r_status < 0.85 THEN 'closed' ELSE 'solved' END AS status
                    FROM (
                      SELECT g,
                             ('10000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid AS id,
                             now() - (g::double precision / %1$d) * interval '%3$d days' AS created,
                             random() AS r_status,
                             (ARRAY['low', 'normal', 'normal', 'normal', 'high', 'urgent'])[1 + floor(random() * 6)::int] AS priority,
                             (ARRAY['email', 'email', 'chat', 'web', 'phone', 'social'])[1 + floor(random() * 6)::int] AS channel,
                             floor(power(random(), 3) * %2$d)::int AS ci,
                             -ln(1 - random()) * 3600 AS reply_s,
                             -ln(1 - random()) * 72000 AS work_s,
                             CASE WHEN random() < 0.08 THEN 1 ELSE 0 END AS reopens,
                             1 + floor(-ln(1 - random()) * 1.5)::int AS replies,
                             floor(-ln(1 - random()) * 0.5)::int AS notes,
                             'bench-agent-' || lpad(floor(random() * 60)::int::text, 2, '0') AS agent,
                             CASE WHEN random() < 0.1 THEN NULL ELSE (ARRAY['shipping', 'billing', 'returns',
                                  'product', 'account', 'technical', 'general'])[1 + floor(random() * 7)::int] END AS category,
                             (ARRAY['positive', 'neutral', 'neutral', 'negative'])[1 + floor(random() * 4)::int] AS sentiment,
                             round(random()::numeric, 3)::double precision AS churn
                      FROM generate_series(0, %1$d - 1) g) draws) lived) life
                CROSS JOIN LATERAL (SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(ci), 12, '0'))::uuid AS customer) c
                """.formatted(tickets, customers, days);
    }
}
