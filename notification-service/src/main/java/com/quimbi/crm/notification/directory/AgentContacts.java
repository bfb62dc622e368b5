package com.quimbi.crm.notification.directory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Agents as alerts need them (crm.agent.events, kept by the alert consumer): username for {@code @mentions}, e-mail
 * for e-mail alerts and for matching Slack users, team for rule filters, the Slack user id once looked up.
 */
@Component
public class AgentContacts {

    private static final String COLUMNS = "agent_id, username, email, name, role, team, active, slack_user_id";
    private static final RowMapper<Contact> ROW = (rs, i) -> new Contact(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8));

    private final JdbcTemplate jdbc;

    AgentContacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Contact(String agentId, String username, String email, String name, String role, String team,
            boolean active, String slackUserId) {
    }

    /** Upserts what the agent events say; a Slack user id found earlier stays unless the e-mail changed. */
    public void put(String agentId, String username, String email, String name, String role, String team, boolean active) {
        jdbc.update("""
                INSERT INTO agent_contact (agent_id, username, email, name, role, team, active) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET username = EXCLUDED.username, email = EXCLUDED.email,
                    name = EXCLUDED.name, role = EXCLUDED.role, team = EXCLUDED.team, active = EXCLUDED.active,
                    slack_user_id = CASE WHEN lower(agent_contact.email) = lower(EXCLUDED.email)
                        THEN agent_contact.slack_user_id END,
                    updated_at = now()""", agentId, username, email, name, role, team, active);
    }

    public void deactivate(String agentId) {
        jdbc.update("UPDATE agent_contact SET active = false, updated_at = now() WHERE agent_id = ?", agentId);
    }

    public Optional<Contact> find(String agentId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM agent_contact WHERE agent_id = ?", ROW, agentId).stream().findFirst();
    }

    /** Active agents by username (case-insensitive), for {@code @mentions}. */
    public List<Contact> byUsernames(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return List.of();
        }
        String[] lower = usernames.stream().map(u -> u.toLowerCase(java.util.Locale.ROOT)).distinct().toArray(String[]::new);
        return jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT " + COLUMNS + " FROM agent_contact WHERE active AND lower(username) = ANY (?)");
            ps.setArray(1, con.createArrayOf("varchar", lower));
            return ps;
        }, ROW);
    }

    /** The active agent with this e-mail (case-insensitive); none when no agent or several have it. */
    public Optional<Contact> byEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        List<Contact> found = jdbc.query("SELECT " + COLUMNS + " FROM agent_contact WHERE active AND lower(email) = lower(?)",
                ROW, email.strip());
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    public Optional<Contact> bySlackUser(String slackUserId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM agent_contact WHERE active AND slack_user_id = ?", ROW, slackUserId)
                .stream().findFirst();
    }

    public void linkSlackUser(String agentId, String slackUserId) {
        jdbc.update("UPDATE agent_contact SET slack_user_id = ? WHERE agent_id = ?", slackUserId, agentId);
    }
}
