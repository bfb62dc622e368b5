package com.quimbi.crm.agent.agent;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who changed an agent's status: a person through the API, or presence (the WebSocket layer). On the wire (JSON, events, query parameters) in lower case. */
public enum StatusSource {
    MANUAL("manual"),
    PRESENCE("presence");

    private final String wire;

    StatusSource(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
