package com.quimbi.crm.contracts.agent;

/** An agent's role. On the wire: the lower-case name (see {@code WireFormat}). */
public enum AgentRole {
    AGENT, SUPERVISOR, ADMIN
}
