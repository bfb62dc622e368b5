package com.quimbi.crm.contracts.sla;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** sla.clock_updated v1: sla-service (re)computed a ticket's SLA clock: the next deadline (null when no clock runs) and its state. Topic crm.sla.events, key = ticket id. The latest computedAt wins. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlaClockUpdated(
        UUID ticketId,
        SlaMetric metric,
        Instant nextDeadline,
        ClockState state,
        String policyId,
        Instant computedAt,
        UUID clockId) {

    public static final String TYPE = "sla.clock_updated";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.SLA;
    public static final String AGGREGATE = "sla";
}
