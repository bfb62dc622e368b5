package com.quimbi.crm.contracts.ticket;

/** How urgent a ticket is (also the urgency enrichment suggests). On the wire: the lower-case name (see {@code WireFormat}). */
public enum TicketPriority {
    LOW, NORMAL, HIGH, URGENT
}
