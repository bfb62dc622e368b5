package com.quimbi.crm.ticket.message;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an outbound email is on its way to the customer, as the mail provider reports it. Providers report out
 * of order (a "delivered" webhook can beat "sent"), so a status only moves forward and the outcomes are final.
 */
public enum DeliveryStatus {
    QUEUED(0), SENT(1), DELIVERED(2), BOUNCED(2), FAILED(2);

    private final int stage;

    DeliveryStatus(int stage) {
        this.stage = stage;
    }

    public boolean canMoveTo(DeliveryStatus next) {
        return next.stage > stage;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DeliveryStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
