package com.quimbi.crm.notification.directory;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The read model of agents (crm.agent.events): name, role and team, for supervisors' and teammates' frames. */
@Component
public class AgentDirectory {

    private final JdbcTemplate jdbc;

    AgentDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record AgentView(String agentId, String name, String role, String team, boolean active) {
    }

    public void put(AgentView agent) {
        jdbc.update("""
                INSERT INTO agent_view (agent_id, name, role, team, active) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, team = EXCLUDED.team,
                    active = EXCLUDED.active, updated_at = now()""",
                agent.agentId(), agent.name(), agent.role(), agent.team(), agent.active());
    }

    public void deactivate(String agentId) {
        jdbc.update("UPDATE agent_view SET active = false, updated_at = now() WHERE agent_id = ?", agentId);
    }

    public Optional<AgentView> find(String agentId) {
        return jdbc.query("SELECT agent_id, name, role, team, active FROM agent_view WHERE agent_id = ?",
                (rs, i) -> new AgentView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)), agentId).stream().findFirst();
    }

    /** Active supervisors and admins of the agent's team (none when the agent has no known team). */
    public List<String> supervisorsOf(String agentId) {
        return jdbc.queryForList("""
                SELECT s.agent_id FROM agent_view a JOIN agent_view s ON s.team = a.team
                WHERE a.agent_id = ? AND s.active AND s.role IN ('supervisor', 'admin') AND s.agent_id <> a.agent_id""",
                String.class, agentId);
    }

    /** Active members of the agent's team other than the agent. */
    public List<String> teammatesOf(String agentId) {
        return jdbc.queryForList("""
                SELECT s.agent_id FROM agent_view a JOIN agent_view s ON s.team = a.team
                WHERE a.agent_id = ? AND s.active AND s.agent_id <> a.agent_id""", String.class, agentId);
    }
}
