package com.quimbi.crm.agent.agent;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the WebSocket layer saw (crm.presence.events). On the wire (JSON, events, query parameters) in lower case. */
public enum PresenceSignal {
    CONNECTED("connected"),
    IDLE("idle"),
    DISCONNECTED("disconnected");

    private final String wire;

    PresenceSignal(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
