package com.quimbi.crm.contracts.automation;

/** How a CSAT survey asks: good / bad, or 1 … 5. On the wire: the lower-case name (see {@code WireFormat}). */
public enum CsatScale {
    GOOD_BAD, ONE_TO_FIVE
}
