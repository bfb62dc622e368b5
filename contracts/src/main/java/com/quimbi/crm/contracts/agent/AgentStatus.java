package com.quimbi.crm.contracts.agent;

/** An agent's availability. On the wire: the lower-case name (see {@code WireFormat}). */
public enum AgentStatus {
    ONLINE, BUSY, AWAY, OFFLINE
}
