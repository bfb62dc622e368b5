package com.quimbi.crm.contracts.ticket;

/** Where a ticket stands in its lifecycle. On the wire: the lower-case name (see {@code WireFormat}). */
public enum TicketStatus {
    NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED
}
