package com.quimbi.crm.agent.agent;

/** What the WebSocket layer saw (crm.presence.events). */
public enum PresenceSignal {
    CONNECTED,
    IDLE,
    DISCONNECTED
}
