package com.quimbi.crm.assignment.messaging;

import java.time.Instant;
import java.util.UUID;

/** Data of sla.clock_updated / sla.breached v1, the fields the queue order uses. */
record SlaData(UUID ticketId, String state, Instant nextDeadline, Instant computedAt,
        // sla.breached
        Instant deadline, Instant breachedAt) {
}
