package com.quimbi.crm.contracts.sla;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** sla.paused v1: The ticket went to pending or on_hold: its pausable clocks (next_response, resolution) stopped counting. Topic crm.sla.events, key = ticket id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlaPaused(
        UUID ticketId,
        List<SlaMetric> metrics,
        Instant pausedAt,
        PauseReason reason,
        String policyId) {

    public static final String TYPE = "sla.paused";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.SLA;
    public static final String AGGREGATE = "sla";
}
