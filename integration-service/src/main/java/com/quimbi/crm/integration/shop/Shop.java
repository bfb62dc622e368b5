package com.quimbi.crm.integration.shop;

import java.time.Instant;

/** A connected (or disconnected) shop, credentials left out: they stay sealed in the store. */
public record Shop(String domain, String name, String kind, String status, Instant tokenExpiresAt, String scopes,
        Instant connectedAt, Instant updatedAt) {

    public static final String CUSTOM = "custom";
    public static final String OAUTH = "oauth";
    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";
}
