package com.quimbi.crm.ticket.ticket;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.quimbi.crm.ticket.activity.FieldChange;

/** Data of the other ticket events on {@code crm.ticket.events} (contracts/schemas/ticket.*.v1.json). */
public final class TicketEvents {

    private TicketEvents() {
    }

    public static final String AGGREGATE = "ticket";

    /** Fields other than status that changed, old and new (a status change has its own event). */
    public record TicketUpdated(UUID ticketId, String number, Map<String, FieldChange> changes, long version,
            Instant updatedAt) {
        public static final String TYPE = "ticket.updated";
    }

    /** {@code reason}: agent (an explicit change), customer_reply, agent_reply, import. */
    public record TicketStatusChanged(UUID ticketId, String number, TicketStatus from, TicketStatus to, String reason,
            Instant changedAt) {
        public static final String TYPE = "ticket.status_changed";
    }

    public record TicketDeleted(UUID ticketId, String number, Instant deletedAt) {
        public static final String TYPE = "ticket.deleted";
    }
}
