package com.quimbi.crm.automation.agent;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What automation-service knows of agents (from crm.agent.events): a first name for replies, a team for team macros. */
@Component
public class AgentDirectory {

    public record AgentProfile(String agentId, String firstName, String team, boolean active) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AgentDirectory(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void put(AgentProfile agent) {
        jdbc.update("""
                INSERT INTO agent_profile (agent_id, first_name, team, active, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET first_name = EXCLUDED.first_name, team = EXCLUDED.team,
                    active = EXCLUDED.active, updated_at = EXCLUDED.updated_at""",
                agent.agentId(), agent.firstName(), agent.team(), agent.active(), Timestamp.from(clock.instant()));
    }

    public void deactivate(String agentId) {
        jdbc.update("UPDATE agent_profile SET active = false, updated_at = ? WHERE agent_id = ?",
                Timestamp.from(clock.instant()), agentId);
    }

    public Optional<AgentProfile> find(String agentId) {
        return jdbc.query("SELECT agent_id, first_name, team, active FROM agent_profile WHERE agent_id = ?",
                (rs, i) -> new AgentProfile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
                agentId).stream().findFirst();
    }

    /** The agent's team, if the agent is known and has one. */
    public Optional<String> teamOf(String agentId) {
        return find(agentId).map(AgentProfile::team).filter(team -> !team.isBlank());
    }
}
