package com.quimbi.crm.agent.agent;

import com.quimbi.crm.contracts.agent.AgentStatus;

/** Filters of the agent list; null means "any". {@code active} defaults to true (deactivated agents are history). */
public record AgentFilter(AgentStatus status, String team, String skill, String language, AgentRole role,
        Boolean active) {
}
