package com.quimbi.crm.ticket.ticket;

import java.time.Instant;

/** The SLA clock as sla-service last reported it (crm.sla.events): the next deadline and its state. */
public record SlaSnapshot(Instant nextDeadline, String state, Instant updatedAt) {

    public static final SlaSnapshot NONE = new SlaSnapshot(null, null, null);
}
