package com.quimbi.crm.sla.clock;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a clock is in its life: counting, paused (pending / on hold), met, or stopped without an outcome. */
public enum RunStatus {
    RUNNING, PAUSED, MET, STOPPED;

    public static RunStatus fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean open() {
        return this == RUNNING || this == PAUSED;
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
