package com.quimbi.crm.ticket.ticket;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * List orders, each served by a keyset index. {@code smart} (default): smart due time ascending (TicketScore);
 * {@code created}/{@code updated}: newest first; {@code priority}: highest first, newest first within a
 * priority; {@code relevance}: full-text rank, the default when {@code q} is given.
 */
public enum TicketSort {
    SMART("smart"),
    CREATED("created"),
    UPDATED("updated"),
    PRIORITY("priority"),
    RELEVANCE("relevance");

    private final String wire;

    TicketSort(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String toString() {
        return wire;
    }
}
