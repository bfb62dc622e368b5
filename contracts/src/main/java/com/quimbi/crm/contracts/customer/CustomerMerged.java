package com.quimbi.crm.contracts.customer;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** customer.merged v1: A duplicate customer (sourceCustomerId) was merged into customerId; its tickets moved there (each also announced by ticket.updated). Topic crm.customer.events, key = the surviving customer id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerMerged(
        UUID customerId,
        UUID sourceCustomerId,
        String email,
        int movedTickets,
        Instant mergedAt) {

    public static final String TYPE = "customer.merged";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.CUSTOMER;
    public static final String AGGREGATE = "customer";
}
