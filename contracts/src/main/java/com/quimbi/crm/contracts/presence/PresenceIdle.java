package com.quimbi.crm.contracts.presence;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** presence.idle v1: The agent's console reported no activity for the idle timeout. Published by notification-service on crm.presence.events, key = agent id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PresenceIdle(
        UUID agentId,
        String sessionId,
        Instant at) {

    public static final String TYPE = "presence.idle";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.PRESENCE;
    public static final String AGGREGATE = "presence";
}
