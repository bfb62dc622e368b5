package com.quimbi.crm.contracts.ticket;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.contracts.Topics;

/** ticket.updated v1: Fields of a ticket other than its status changed (agent edit, enrichment filling category/language, customer merge). Topic crm.ticket.events, key = ticket id. Status changes are ticket.status_changed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketUpdated(
        UUID ticketId,
        String number,
        Map<String, FieldChange> changes,
        long version,
        Instant updatedAt) {

    public static final String TYPE = "ticket.updated";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.TICKET;
    public static final String AGGREGATE = "ticket";
}
