package com.quimbi.crm.agent.messaging;

import java.time.Instant;
import java.util.UUID;

/** Data of presence.connected / idle / disconnected v1; unknown fields are ignored (contracts grow additively). */
record PresenceData(UUID agentId, String sessionId, Instant at) {
}
