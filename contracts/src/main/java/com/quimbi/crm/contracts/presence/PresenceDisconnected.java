package com.quimbi.crm.contracts.presence;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** presence.disconnected v1: The agent's last WebSocket session closed or timed out. Published by notification-service on crm.presence.events, key = agent id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PresenceDisconnected(
        UUID agentId,
        String sessionId,
        Instant at) {

    public static final String TYPE = "presence.disconnected";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.PRESENCE;
    public static final String AGGREGATE = "presence";
}
