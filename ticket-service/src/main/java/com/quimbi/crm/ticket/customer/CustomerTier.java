package com.quimbi.crm.ticket.customer;

import com.fasterxml.jackson.annotation.JsonValue;

/** Set by enrichment (Quimbi): VIPs get their tickets looked at sooner. */
public enum CustomerTier {
    STANDARD("standard"),
    VIP("vip");

    private final String wire;

    CustomerTier(String wire) {
        this.wire = wire;
    }

    public static CustomerTier fromWire(String value) {
        return value != null && value.equalsIgnoreCase("vip") ? VIP : STANDARD;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
