package com.quimbi.crm.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** The facts of one scenario as text, its ids replaced by names, so two scenarios can be compared. */
public final class Snapshots {

    private Snapshots() {
    }

    public static List<String> of(JdbcTemplate jdbc, Scenario s) {
        List<String> rows = new ArrayList<>();
        String ticket = s.ticketId.toString();
        rows.addAll(jdbc.queryForList("SELECT t::text FROM ticket_fact t WHERE ticket_id = ?::uuid", String.class,
                ticket));
        rows.addAll(jdbc.queryForList("SELECT t::text FROM agent_daily_metrics t WHERE agent_id IN (?, ?) ORDER BY 1",
                String.class, s.agentA, s.agentB));
        rows.addAll(jdbc.queryForList("""
                SELECT metric || ' ' || breached || ' ' || outcome_at || ' ' || coalesce(priority, '-') || ' '
                       || coalesce(assignee_id, '-') FROM sla_outcome WHERE ticket_id = ?::uuid
                ORDER BY 1""", String.class, ticket));
        rows.addAll(jdbc.queryForList("""
                SELECT status || ' ' || started_at || ' ' || seconds FROM ticket_status_interval WHERE ticket_id = ?::uuid
                ORDER BY 1""", String.class, ticket));
        rows.addAll(jdbc.queryForList("""
                SELECT kind || ' ' || coalesce(agent_id, '-') || ' ' || at FROM assignment_fact WHERE ticket_id = ?::uuid
                ORDER BY 1""", String.class, ticket));
        rows.addAll(jdbc.queryForList("""
                SELECT author_type || ' ' || coalesce(author_id, '-') || ' ' || internal || ' ' || created_at
                FROM message_fact WHERE ticket_id = ?::uuid ORDER BY 1""", String.class, ticket));
        rows.addAll(jdbc.queryForList("SELECT t::text FROM presence_interval t WHERE agent_id = ? ORDER BY started_at",
                String.class, s.agentA).stream().map(r -> r.replaceAll("^\\([0-9a-f-]+,", "(")).toList());
        rows.addAll(jdbc.queryForList("SELECT agent_id || ' ' || team FROM agent_dim WHERE agent_id IN (?, ?) ORDER BY 1",
                String.class, s.agentA, s.agentB));
        List<String> named = new ArrayList<>();
        for (String row : rows) {
            for (Map.Entry<String, String> id : Map.of(ticket, "TICKET", s.agentA, "A", s.agentB, "B",
                    s.customerId.toString(), "CUSTOMER", s.team, "TEAM").entrySet()) {
                row = row.replace(id.getKey(), id.getValue());
            }
            named.add(row);
        }
        java.util.Collections.sort(named); // the ids decided the order of the rows: names do now
        return named;
    }
}
