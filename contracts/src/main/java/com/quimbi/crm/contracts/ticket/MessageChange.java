package com.quimbi.crm.contracts.ticket;

/** What changed on a message. On the wire: the lower-case name (see {@code WireFormat}). */
public enum MessageChange {
    EDITED, DELETED, DELIVERY
}
