package com.quimbi.crm.contracts.assignment;

/** Why an assignment ended with the ticket done. On the wire: the lower-case name (see {@code WireFormat}). */
public enum CompletionReason {
    SOLVED, CLOSED, DELETED
}
