package com.quimbi.crm.contracts.sla;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** sla.breached v1: A ticket's SLA deadline passed without the awaited response. Topic crm.sla.events, key = ticket id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlaBreached(
        UUID ticketId,
        SlaMetric metric,
        Instant deadline,
        String policyId,
        Instant breachedAt,
        UUID clockId) {

    public static final String TYPE = "sla.breached";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.SLA;
    public static final String AGGREGATE = "sla";
}
