package com.quimbi.crm.assignment.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of agent.created / agent.updated / agent.deactivated / agent.status_changed v1, the fields this
 * service reads (unknown fields are ignored: contracts grow additively).
 */
record AgentData(UUID agentId, String firstName, String lastName, String role, String status, String previousStatus,
        Integer maxConcurrentTickets, Boolean acceptsNew, List<String> skills, List<String> languages, String seniority,
        String timezone, WorkingHoursData workingHours, Boolean active, Instant updatedAt, Instant changedAt,
        Instant deactivatedAt) {

    record WorkingHoursData(List<String> days, String start, String end) {
    }
}
