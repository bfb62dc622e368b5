package com.quimbi.crm.contracts.sla;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** sla.met v1: An SLA clock was met: the awaited reply or resolution happened. breached = it happened after the deadline. Topic crm.sla.events, key = ticket id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlaMet(
        UUID ticketId,
        SlaMetric metric,
        Instant deadline,
        Instant metAt,
        boolean breached,
        String policyId,
        UUID clockId) {

    public static final String TYPE = "sla.met";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.SLA;
    public static final String AGGREGATE = "sla";
}
