package com.quimbi.crm.quimbi.draft;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Tone {
    FRIENDLY("friendly"),
    FORMAL("formal"),
    CONCISE("concise");

    private final String wire;

    Tone(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
