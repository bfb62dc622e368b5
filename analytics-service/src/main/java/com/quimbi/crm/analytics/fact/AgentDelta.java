package com.quimbi.crm.analytics.fact;

import java.time.LocalDate;

/** Add {@code amount} to {@code metric} of {@code agentId} on {@code day} (UTC). */
public record AgentDelta(String agentId, LocalDate day, AgentMetric metric, long amount) {
}
