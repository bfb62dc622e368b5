package com.quimbi.crm.contracts.enrichment;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The event that triggered the enrichment. On the wire: the lower-case name (see {@code WireFormat}). */
public enum EnrichmentTrigger {
    @JsonProperty("ticket.created") TICKET_CREATED, @JsonProperty("message.added") MESSAGE_ADDED
}
