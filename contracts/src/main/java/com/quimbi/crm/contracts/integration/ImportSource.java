package com.quimbi.crm.contracts.integration;

/** The helpdesk a ticket or message was imported from. On the wire: the lower-case name (see {@code WireFormat}). */
public enum ImportSource {
    GORGIAS
}
