package com.quimbi.crm.contracts.integration;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.DeliveryStatus;

/** integration.message_delivery_updated v1: The mail provider reported where an outbound email (an agent's public reply on an email ticket) is: sent, delivered, bounced or failed. Topic crm.integration.events, key = ticket id. ticket-service moves the message's delivery status forward only (queued < sent < delivered | bounced | failed; the last three are final), so reports that arrive late or twice change nothing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageDeliveryUpdated(
        UUID messageId,
        UUID ticketId,
        DeliveryStatus status,
        String detail,
        String provider,
        String providerMessageId,
        Instant reportedAt) {

    public static final String TYPE = "integration.message_delivery_updated";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.INTEGRATION;
    public static final String AGGREGATE = "integration";
}
