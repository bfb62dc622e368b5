package com.quimbi.crm.contracts.automation;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** csat.rated v1: A customer rated a solved ticket from its CSAT survey (or changed the rating). Published by automation-service on crm.automation.events, key = ticket id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CsatRated(
        UUID surveyId,
        UUID ticketId,
        String ticketNumber,
        UUID customerId,
        String agentId,
        CsatScale scale,
        String rating,
        int score,
        String comment,
        boolean changed,
        Instant ratedAt) {

    public static final String TYPE = "csat.rated";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.AUTOMATION;
    public static final String AGGREGATE = "automation";
}
