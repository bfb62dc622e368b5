package com.quimbi.crm.ticket.ticket;

import com.fasterxml.jackson.annotation.JsonValue;

/** How soon the customer needs an answer. On the wire (JSON, events) in lower case. */
public enum TicketPriority {
    LOW("low"),
    NORMAL("normal"),
    HIGH("high"),
    URGENT("urgent");

    private final String wire;

    TicketPriority(String wire) {
        this.wire = wire;
    }

    public static TicketPriority fromWire(String value) {
        for (TicketPriority v : values()) {
            if (v.wire.equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown TicketPriority " + value);
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
