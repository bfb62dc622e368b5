package com.quimbi.crm.ticket.ticket;

import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The stage of a ticket's life. On the wire (JSON, events) in lower case.
 *
 * <p>Rules: nothing goes back to {@code new}; {@code closed} is final; {@code solved} may only be reopened
 * ({@code open}) or closed. Setting the status a ticket already has is allowed and changes nothing.
 */
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

    public static TicketStatus fromWire(String value) {
        for (TicketStatus s : values()) {
            if (s.wire.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown ticket status " + value);
    }

    public Set<TicketStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, PENDING, ON_HOLD, SOLVED, CLOSED);
            case OPEN -> EnumSet.of(PENDING, ON_HOLD, SOLVED, CLOSED);
            case PENDING -> EnumSet.of(OPEN, ON_HOLD, SOLVED, CLOSED);
            case ON_HOLD -> EnumSet.of(OPEN, PENDING, SOLVED, CLOSED);
            case SOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    public boolean canBecome(TicketStatus target) {
        return target == this || next().contains(target);
    }

    /** Tickets the team still has to act on (the others wait on the customer or are done). */
    public boolean awaitsTeam() {
        return this == NEW || this == OPEN;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
