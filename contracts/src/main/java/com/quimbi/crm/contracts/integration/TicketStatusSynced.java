package com.quimbi.crm.contracts.integration;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.TicketStatus;

/** integration.ticket_status_synced v1: the status of a ticket linked to another helpdesk (Gorgias) changed there. Topic crm.integration.events, key = source:externalTicketId (after its import). ticketId: the CRM ticket when known (pushed from the CRM); else the ticket imported under externalTicketId. ticket-service moves the ticket (reason import). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketStatusSynced(
        ImportSource source,
        String externalTicketId,
        UUID ticketId,
        TicketStatus status,
        Instant changedAt) {

    public static final String TYPE = "integration.ticket_status_synced";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.INTEGRATION;
    public static final String AGGREGATE = "integration";
}
