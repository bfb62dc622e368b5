package com.quimbi.crm.contracts.enrichment;

/** The sentiment of a ticket. On the wire: the lower-case name (see {@code WireFormat}). */
public enum Sentiment {
    NEGATIVE, NEUTRAL, POSITIVE
}
