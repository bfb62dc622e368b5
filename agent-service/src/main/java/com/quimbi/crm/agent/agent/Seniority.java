package com.quimbi.crm.agent.agent;

import com.fasterxml.jackson.annotation.JsonValue;

/** Experience level; VIP routing sends high-value customers to senior agents and leads. On the wire (JSON, events, query parameters) in lower case. */
public enum Seniority {
    JUNIOR("junior"),
    SENIOR("senior"),
    LEAD("lead");

    private final String wire;

    Seniority(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
