package com.quimbi.crm.contracts.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** message.added v1: A message or internal note was added to a ticket. Topic crm.ticket.events (the ticket's topic, so messages and status changes of one ticket stay in order), key = ticket id. SLA clocks start/stop on authorType, direction and internal. attachments (optional, added within v1): the files of the message as ticket-service keeps them (the e-mail channel attaches them to an agent's reply). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageAdded(
        UUID messageId,
        UUID ticketId,
        String ticketNumber,
        UUID customerId,
        AuthorType authorType,
        String authorId,
        MessageDirection direction,
        Channel channel,
        boolean internal,
        int attachmentCount,
        DeliveryStatus deliveryStatus,
        String bodyText,
        boolean bodyTruncated,
        Instant createdAt,
        List<MessageAttachment> attachments) {

    public static final String TYPE = "message.added";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.TICKET;
    public static final String AGGREGATE = "ticket";
}
