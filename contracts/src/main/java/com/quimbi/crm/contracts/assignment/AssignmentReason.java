package com.quimbi.crm.contracts.assignment;

/** How a ticket came to be assigned. On the wire: the lower-case name (see {@code WireFormat}). */
public enum AssignmentReason {
    AUTO, MANUAL, SELF, TRANSFER
}
