package com.quimbi.crm.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link TicketLifecycles} left behind, read from every service's database against ticket-service's truth: one
 * ticket per accepted create, each consumer of {@code crm.ticket.events} with every one of the tickets' events in its
 * inbox (nothing lost; the inbox row and the effect share a transaction) and the effects that would show a second
 * application counted once per ticket, and nothing parked on a dead-letter topic. ChaosIT asserts it, ./crm chaos
 * prints it.
 */
public final class LifecycleAudit {

    /** The databases of the services consuming crm.ticket.events (their inbox: processed_message). */
    public static final List<String> TICKET_CONSUMERS = List.of("analytics", "assignment", "automation", "integration",
            "notification", "quimbi", "sla");

    /** One line of the table: what was checked, what it must be, what it is. */
    public record Check(String what, long expected, long actual) {
        public boolean ok() {
            return expected == actual;
        }
    }

    private LifecycleAudit() {
    }

    /**
     * @param ids      the tickets the clients got (one per accepted create)
     * @param agentId  the agent (agent-service id) who replied and solved: its analytics counters are the run's alone
     * @param since    dead-letter records parked from then on count
     */
    public static List<Check> audit(PostgresServer postgres, String bootstrapServers, String run, List<String> ids,
            String agentId, Instant since) throws Exception {
        long n = ids.size();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("ticket-service: tickets of accepted creates", n,
                single(postgres, "ticket", "SELECT count(DISTINCT subject) FROM ticket WHERE subject LIKE ?", "Chaos " + run + " #%")));
        checks.add(new Check("ticket-service: tickets created twice (same create)", 0,
                single(postgres, "ticket", "SELECT count(*) - count(DISTINCT subject) FROM ticket WHERE subject LIKE ?", "Chaos " + run + " #%")));
        checks.add(new Check("ticket-service: the clients' tickets, solved", n,
                single(postgres, "ticket", "SELECT count(*) FROM ticket WHERE id = ANY(?::uuid[]) AND status = 'solved'", ids)));
        checks.add(new Check("ticket-service: replies (one per ticket)", n,
                single(postgres, "ticket", "SELECT count(*) FROM message WHERE ticket_id = ANY(?::uuid[])", ids)));
        // the truth: every event ticket-service published about them (its outbox keeps the rows)
        List<String> events = list(postgres, "ticket", "SELECT id::text FROM outbox WHERE aggregateid = ANY(?)", ids);
        checks.add(new Check("ticket-service: events published (>= 3 per ticket)", Math.max(3 * n, events.size()), events.size()));
        for (String consumer : TICKET_CONSUMERS) {
            checks.add(new Check(consumer + ": events applied once (inbox)", events.size(), single(postgres, consumer,
                    "SELECT count(DISTINCT message_id) FROM processed_message WHERE message_id = ANY(?::uuid[])", events)));
        }
        checks.add(new Check("analytics: tickets counted, solved", n, single(postgres, "analytics",
                "SELECT count(*) FROM ticket_fact WHERE ticket_id = ANY(?::uuid[]) AND status = 'solved'", ids)));
        checks.add(new Check("analytics: agent's messages sent", n, single(postgres, "analytics",
                "SELECT coalesce(sum(messages_sent), 0) FROM agent_daily_metrics WHERE agent_id = ?", agentId)));
        checks.add(new Check("analytics: agent's first replies", n, single(postgres, "analytics",
                "SELECT coalesce(sum(first_replies), 0) FROM agent_daily_metrics WHERE agent_id = ?", agentId)));
        checks.add(new Check("sla: tickets tracked, solved", n, single(postgres, "sla",
                "SELECT count(*) FROM sla_ticket WHERE ticket_id = ANY(?::uuid[]) AND status = 'solved'", ids)));
        checks.add(new Check("sla: history entries applied twice", 0, single(postgres, "sla",
                "SELECT count(*) - count(DISTINCT event_id) FROM sla_ticket_event WHERE ticket_id = ANY(?::uuid[])", ids)));
        checks.add(new Check("assignment: tickets routed (assigned or queued), solved", n, single(postgres, "assignment",
                "SELECT count(*) FROM ticket WHERE id = ANY(?::uuid[]) AND status = 'solved'", ids)));
        checks.add(new Check("assignment: tickets auto-assigned twice", 0, single(postgres, "assignment",
                "SELECT count(*) FROM (SELECT ticket_id FROM ticket_assignment WHERE ticket_id = ANY(?::uuid[]) AND reason = 'auto'"
                        + " GROUP BY ticket_id HAVING count(*) > 1) twice", ids)));
        checks.add(new Check("quimbi-adapter: tickets enriched", n, single(postgres, "quimbi",
                "SELECT count(*) FROM ticket_enrichment WHERE ticket_id = ANY(?::uuid[])", ids)));
        checks.add(new Check("quimbi-adapter: enrichments published", n, single(postgres, "quimbi",
                "SELECT count(*) FROM outbox WHERE aggregateid = ANY(?) AND type = 'enrichment.ticket_enriched'", ids)));
        long parked = new DeadLetters(bootstrapServers).list(null).stream()
                .filter(p -> p.parkedAt() == null || !p.parkedAt().isBefore(since)).count();
        checks.add(new Check("dead-letter topics: events parked during the run", 0, parked));
        return checks;
    }

    /** The table as ./crm chaos prints it. */
    public static String table(List<Check> checks) {
        StringBuilder out = new StringBuilder(String.format("| %-62s | %8s | %8s |    |%n|%s|%s|%s|----|%n", "check", "expected", "actual",
                "-".repeat(64), "-".repeat(10), "-".repeat(10)));
        for (Check check : checks) {
            out.append(String.format("| %-62s | %8d | %8d | %s |%n", check.what(), check.expected(), check.actual(), check.ok() ? "ok" : "**"));
        }
        return out.toString();
    }

    private static Connection connect(PostgresServer postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.superUser(), postgres.superPassword());
    }

    private static long single(PostgresServer postgres, String database, String sql, Object parameter) throws SQLException {
        try (Connection c = connect(postgres, database); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> list(PostgresServer postgres, String database, String sql, Object parameter) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(postgres, database); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, parameter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static void bind(Connection c, PreparedStatement s, Object parameter) throws SQLException {
        if (parameter instanceof List<?> values) {
            s.setArray(1, c.createArrayOf("text", values.toArray()));
        } else {
            s.setString(1, String.valueOf(parameter));
        }
    }
}
