package com.quimbi.crm.contracts.ticket;

/** How far an outbound message got. On the wire: the lower-case name (see {@code WireFormat}). */
public enum DeliveryStatus {
    QUEUED, SENT, DELIVERED, BOUNCED, FAILED
}
