package com.quimbi.crm.contracts.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** ticket.created v1: A ticket was opened. Topic crm.ticket.events, key = ticket id. externalSource/externalId: set when the ticket was imported from another helpdesk (gorgias + its ticket id). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketCreated(
        UUID ticketId,
        String number,
        String subject,
        String description,
        TicketStatus status,
        TicketPriority priority,
        Channel channel,
        String customerEmail,
        Instant createdAt,
        UUID customerId,
        String language,
        List<String> tags,
        String externalSource,
        String externalId) {

    public static final String TYPE = "ticket.created";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.TICKET;
    public static final String AGGREGATE = "ticket";
}
