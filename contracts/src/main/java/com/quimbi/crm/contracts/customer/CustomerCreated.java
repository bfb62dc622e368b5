package com.quimbi.crm.contracts.customer;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.Channel;

/** customer.created v1: A customer was created (by an agent, by a ticket naming a new email, or by a shop sync). Topic crm.customer.events, key = customer id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerCreated(
        UUID customerId,
        String email,
        String name,
        String phone,
        String shopifyCustomerId,
        String gorgiasCustomerId,
        String language,
        String timezone,
        Channel preferredChannel,
        CustomerTier tier,
        Instant createdAt) {

    public static final String TYPE = "customer.created";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.CUSTOMER;
    public static final String AGGREGATE = "customer";
}
