package com.quimbi.crm.contracts.sla;

/** Why SLA clocks paused (the ticket status). On the wire: the lower-case name (see {@code WireFormat}). */
public enum PauseReason {
    PENDING, ON_HOLD
}
