package com.quimbi.crm.sla.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an SLA clock measures. On the wire in lower case, as in the sla.* contracts. */
public enum Metric {
    FIRST_RESPONSE("first_response"),
    NEXT_RESPONSE("next_response"),
    RESOLUTION("resolution"),
    /** How often agents post a public update while the ticket is worked: from one public agent reply to the next. */
    PERIODIC_UPDATE("periodic_update");

    private final String wire;

    Metric(String wire) {
        this.wire = wire;
    }

    public static Metric fromWire(String value) {
        for (Metric m : values()) {
            if (m.wire.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric " + value);
    }

    /** First reply never pauses: the customer is waiting for any answer at all. */
    public boolean pausable() {
        return this != FIRST_RESPONSE;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
