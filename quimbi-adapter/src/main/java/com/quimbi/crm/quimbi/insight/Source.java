package com.quimbi.crm.quimbi.insight;

/** Where an answer came from; every response and event says so, so consumers can weigh it. */
public enum Source {
    QUIMBI,
    FALLBACK
}
