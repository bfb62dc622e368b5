package com.quimbi.crm.contracts.assignment;

/** Why a ticket lost its assignee. On the wire: the lower-case name (see {@code WireFormat}). */
public enum UnassignReason {
    QUEUE, AGENT_DEACTIVATED, AGENT_OFFLINE, TICKET_CLOSED, TICKET_DELETED
}
