package com.quimbi.crm.contracts.sla;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** sla.resumed v1: The ticket left pending / on_hold: its paused clocks count again, with new deadlines. Topic crm.sla.events, key = ticket id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlaResumed(
        UUID ticketId,
        List<SlaMetric> metrics,
        Instant resumedAt,
        Map<SlaMetric, Instant> deadlines,
        String policyId) {

    public static final String TYPE = "sla.resumed";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.SLA;
    public static final String AGGREGATE = "sla";
}
