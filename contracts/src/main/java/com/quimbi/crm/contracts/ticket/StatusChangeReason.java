package com.quimbi.crm.contracts.ticket;

/** Why a ticket changed status. On the wire: the lower-case name (see {@code WireFormat}). */
public enum StatusChangeReason {
    AGENT, CUSTOMER_REPLY, AGENT_REPLY, IMPORT
}
