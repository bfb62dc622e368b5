package com.quimbi.crm.assignment.agent;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

import com.quimbi.crm.assignment.policy.AgentCandidate;
import com.quimbi.crm.assignment.policy.Seniority;
import com.quimbi.crm.assignment.policy.WorkingHours;

/** An agent as agent-service last described them (crm.agent.events). Values are the wire's lower-case names. */
public record AgentProfile(UUID id, String displayName, String role, Seniority seniority, Set<String> skills,
        Set<String> languages, int maxConcurrentTickets, boolean acceptsNew, String status, Instant statusChangedAt,
        ZoneId timezone, WorkingHours workingHours, boolean active, Instant lastAssignedAt) {

    public AgentCandidate candidate(int load) {
        return new AgentCandidate(id, active, status, acceptsNew, maxConcurrentTickets, load, skills, languages,
                seniority, timezone, workingHours, lastAssignedAt);
    }
}
