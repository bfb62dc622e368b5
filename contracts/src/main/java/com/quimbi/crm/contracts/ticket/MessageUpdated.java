package com.quimbi.crm.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** message.updated v1: A message was edited by an agent or deleted by a supervisor. Topic crm.ticket.events, key = ticket id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageUpdated(
        UUID messageId,
        UUID ticketId,
        MessageChange change,
        String bodyText,
        boolean bodyTruncated,
        DeliveryStatus deliveryStatus,
        String deliveryDetail,
        Instant updatedAt) {

    public static final String TYPE = "message.updated";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.TICKET;
    public static final String AGGREGATE = "ticket";
}
