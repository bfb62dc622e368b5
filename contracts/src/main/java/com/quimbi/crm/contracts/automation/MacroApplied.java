package com.quimbi.crm.contracts.automation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** macro.applied v1: An agent applied a macro to a ticket; its changes were made through ticket- and assignment-service. Published by automation-service on crm.automation.events, key = ticket id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MacroApplied(
        UUID applicationId,
        UUID macroId,
        String macroName,
        UUID ticketId,
        UUID agentId,
        List<String> changes,
        boolean replySent,
        Instant appliedAt) {

    public static final String TYPE = "macro.applied";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.AUTOMATION;
    public static final String AGGREGATE = "automation";
}
