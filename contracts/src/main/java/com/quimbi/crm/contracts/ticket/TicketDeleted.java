package com.quimbi.crm.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** ticket.deleted v1: A supervisor deleted a ticket (soft delete: it leaves lists and reads). Topic crm.ticket.events, key = ticket id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketDeleted(
        UUID ticketId,
        String number,
        Instant deletedAt) {

    public static final String TYPE = "ticket.deleted";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.TICKET;
    public static final String AGGREGATE = "ticket";
}
