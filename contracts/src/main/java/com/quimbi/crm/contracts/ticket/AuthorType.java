package com.quimbi.crm.contracts.ticket;

/** Who wrote a message. On the wire: the lower-case name (see {@code WireFormat}). */
public enum AuthorType {
    CUSTOMER, AGENT, SYSTEM
}
