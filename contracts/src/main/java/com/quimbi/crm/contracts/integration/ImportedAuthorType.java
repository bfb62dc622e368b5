package com.quimbi.crm.contracts.integration;

/** Who wrote an imported message. On the wire: the lower-case name (see {@code WireFormat}). */
public enum ImportedAuthorType {
    CUSTOMER, AGENT
}
