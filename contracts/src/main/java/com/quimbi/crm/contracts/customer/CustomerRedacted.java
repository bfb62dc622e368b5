package com.quimbi.crm.contracts.customer;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** customer.redacted v1: ticket-service erased a customer's personal data (anonymized customer, tickets and messages without personal content). Topic crm.customer.events, key = customer id. Every other holder erases what it keeps about that customer id; {@code emailSha256} finds rows keyed by the former address. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerRedacted(
        UUID customerId,
        String emailSha256,
        int tickets,
        Instant redactedAt) {

    public static final String TYPE = "customer.redacted";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.CUSTOMER;
    public static final String AGGREGATE = "customer";
}
