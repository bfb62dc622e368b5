package com.quimbi.crm.ticket.ticket;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where the customer reached us. On the wire (JSON, events) in lower case. */
public enum TicketChannel {
    EMAIL("email"),
    CHAT("chat"),
    PHONE("phone"),
    WEB("web"),
    SOCIAL("social"),
    API("api");

    private final String wire;

    TicketChannel(String wire) {
        this.wire = wire;
    }

    public static TicketChannel fromWire(String value) {
        for (TicketChannel v : values()) {
            if (v.wire.equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown TicketChannel " + value);
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
