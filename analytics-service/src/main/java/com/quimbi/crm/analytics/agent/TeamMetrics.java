package com.quimbi.crm.analytics.agent;

/** A team's (or department's) agents summed. */
public record TeamMetrics(String group, int agents, AgentMetrics metrics) {
}
