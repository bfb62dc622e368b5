package com.quimbi.crm.contracts.integration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.Channel;
import com.quimbi.crm.contracts.ticket.TicketPriority;
import com.quimbi.crm.contracts.ticket.TicketStatus;

/** integration.ticket_imported v1: integration-service imported a ticket from another helpdesk (Gorgias). Topic crm.integration.events, key = source:externalTicketId. ticket-service creates it once per external id. Optional ticketId (e-mail): the id the new ticket gets, chosen by integration-service so it can thread later mail and replies to it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketImported(
        ImportSource source,
        String externalTicketId,
        String subject,
        String description,
        TicketStatus status,
        TicketPriority priority,
        Channel channel,
        String customerEmail,
        String customerName,
        List<String> tags,
        Instant createdAt,
        Instant importedAt,
        UUID ticketId) {

    public static final String TYPE = "integration.ticket_imported";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.INTEGRATION;
    public static final String AGGREGATE = "integration";
}
