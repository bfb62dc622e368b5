package com.quimbi.crm.sla.clock;

import java.time.Instant;

/** One clock-relevant thing that happened to a ticket, as stored in {@code sla_ticket_event}. */
public record HistoryEvent(Kind kind, Instant at, String status) {

    public enum Kind {
        /** ticket.created; status = the initial status */
        CREATED,
        /** ticket.status_changed; status = the new status */
        STATUS_CHANGED,
        /** a public message from the customer */
        CUSTOMER_MESSAGE,
        /** a public reply by an agent (internal notes never count) */
        AGENT_REPLY,
        /** ticket.deleted */
        DELETED
    }

    public static HistoryEvent of(Kind kind, Instant at) {
        return new HistoryEvent(kind, at, null);
    }
}
