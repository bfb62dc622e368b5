package com.quimbi.crm.contracts.agent;

/** Who changed an agent's status: the agent or the presence tracker. On the wire: the lower-case name (see {@code WireFormat}). */
public enum StatusSource {
    MANUAL, PRESENCE
}
