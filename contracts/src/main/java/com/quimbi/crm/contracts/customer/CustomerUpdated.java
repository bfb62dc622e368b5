package com.quimbi.crm.contracts.customer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.FieldChange;
import com.quimbi.crm.contracts.Topics;

/** customer.updated v1: Fields of a customer changed. Topic crm.customer.events, key = customer id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerUpdated(
        UUID customerId,
        Map<String, FieldChange> changes,
        long version,
        Instant updatedAt) {

    public static final String TYPE = "customer.updated";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.CUSTOMER;
    public static final String AGGREGATE = "customer";
}
