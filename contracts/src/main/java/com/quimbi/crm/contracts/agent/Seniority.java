package com.quimbi.crm.contracts.agent;

/** An agent's seniority. On the wire: the lower-case name (see {@code WireFormat}). */
public enum Seniority {
    JUNIOR, SENIOR, LEAD
}
