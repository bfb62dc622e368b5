package com.quimbi.crm.contracts.assignment;

/** Who assigned a ticket. On the wire: the lower-case name (see {@code WireFormat}). */
public enum AssignerType {
    SYSTEM, AGENT
}
