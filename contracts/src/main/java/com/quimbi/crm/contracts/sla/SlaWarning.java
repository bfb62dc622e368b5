package com.quimbi.crm.contracts.sla;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** sla.warning v1: A running SLA clock used up a warning share (threshold percent) of its target; published once per clock and threshold. Topic crm.sla.events, key = ticket id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlaWarning(
        UUID ticketId,
        SlaMetric metric,
        int threshold,
        Instant deadline,
        Instant warnedAt,
        String policyId,
        UUID clockId) {

    public static final String TYPE = "sla.warning";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.SLA;
    public static final String AGGREGATE = "sla";
}
