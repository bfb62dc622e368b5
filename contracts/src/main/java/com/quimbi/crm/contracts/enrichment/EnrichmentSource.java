package com.quimbi.crm.contracts.enrichment;

/** Which engine produced the enrichment. On the wire: the lower-case name (see {@code WireFormat}). */
public enum EnrichmentSource {
    QUIMBI, FALLBACK
}
