package com.quimbi.crm.agent.agent;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether an agent can take work right now: set by the agent, a supervisor, or presence (WebSocket). On the wire (JSON, events, query parameters) in lower case. */
public enum AgentStatus {
    ONLINE("online"),
    BUSY("busy"),
    AWAY("away"),
    OFFLINE("offline");

    private final String wire;

    AgentStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
