package com.quimbi.crm.assignment.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/**
 * What the policy knows about an agent: their profile from agent-service's events and their current load
 * (assigned tickets in SLA-counting statuses). {@code workingHours} null = always at work.
 */
public record AgentCandidate(UUID agentId, boolean active, String status, boolean acceptsNew, int capacity, int load,
        Set<String> skills, Set<String> languages, Seniority seniority, ZoneId timezone, WorkingHours workingHours,
        Instant lastAssignedAt) {

    public int spareCapacity() {
        return Math.max(0, capacity - load);
    }
}
