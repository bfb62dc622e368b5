package com.quimbi.crm.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** ticket.status_changed v1: A ticket moved between statuses. Topic crm.ticket.events, key = ticket id. reason: agent (explicit change), customer_reply (reopened by the customer), agent_reply (first public reply), import. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketStatusChanged(
        UUID ticketId,
        String number,
        TicketStatus from,
        TicketStatus to,
        StatusChangeReason reason,
        Instant changedAt) {

    public static final String TYPE = "ticket.status_changed";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.TICKET;
    public static final String AGGREGATE = "ticket";
}
