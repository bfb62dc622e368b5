package com.quimbi.crm.contracts.integration;

/** The helpdesk a ticket or message was imported from. On the wire: the lower-case name (see {@code WireFormat}). */
public enum ImportSource {
    GORGIAS,
    /** a customer's e-mail read from one of our mailboxes (externalTicketId = the ticket id, externalMessageId = our mail record id) */
    EMAIL
}
