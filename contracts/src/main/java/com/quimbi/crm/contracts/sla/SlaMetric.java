package com.quimbi.crm.contracts.sla;

/** What an SLA clock measures. On the wire: the lower-case name (see {@code WireFormat}). */
public enum SlaMetric {
    FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION, PERIODIC_UPDATE
}
