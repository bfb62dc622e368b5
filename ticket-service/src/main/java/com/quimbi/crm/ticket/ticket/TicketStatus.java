package com.quimbi.crm.ticket.ticket;

import com.fasterxml.jackson.annotation.JsonValue;

/** The stage of a ticket's life. Closed is final. On the wire (JSON, events) in lower case. */
public enum TicketStatus {
    NEW("new"),
    OPEN("open"),
    PENDING("pending"),
    ON_HOLD("on_hold"),
    SOLVED("solved"),
    CLOSED("closed");

    private final String wire;

    TicketStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
