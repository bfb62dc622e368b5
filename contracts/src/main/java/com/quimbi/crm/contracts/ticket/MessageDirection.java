package com.quimbi.crm.contracts.ticket;

/** Which way a message went. On the wire: the lower-case name (see {@code WireFormat}). */
public enum MessageDirection {
    INBOUND, OUTBOUND, INTERNAL
}
