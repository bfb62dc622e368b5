package com.quimbi.crm.assignment.assignment;

import java.time.Instant;
import java.util.UUID;

/**
 * One ticket in an agent's work queue: the assignment and the ticket fields that order the queue (QueueOrder).
 * {@code slaState} / {@code slaNextDeadline}: sla-service's latest view (null before its first event; the
 * deadline is null when no clock runs).
 */
public record QueueItem(UUID assignmentId, String assignmentStatus, Instant assignedAt, UUID ticketId, String number,
        String subject, String status, String priority, String customerTier, String churnRiskLevel, Instant createdAt,
        String slaState, Instant slaNextDeadline) {
}
