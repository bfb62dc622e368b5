package com.quimbi.crm.contracts.enrichment;

/** How likely the customer is to leave. On the wire: the lower-case name (see {@code WireFormat}). */
public enum ChurnRiskLevel {
    LOW, MEDIUM, HIGH
}
