package com.quimbi.crm.quimbi.insight;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an answer came from; every response and event says so, so consumers can weigh it. */
public enum Source {
    QUIMBI("quimbi"),
    FALLBACK("fallback");

    private final String wire;

    Source(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
