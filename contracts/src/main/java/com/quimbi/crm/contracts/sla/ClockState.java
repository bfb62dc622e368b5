package com.quimbi.crm.contracts.sla;

/** Where an SLA clock stands. On the wire: the lower-case name (see {@code WireFormat}). */
public enum ClockState {
    ON_TRACK, AT_RISK, BREACHED, PAUSED, MET
}
