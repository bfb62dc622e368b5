package com.quimbi.crm.notification.rules;

/** Where a rule sends. On the wire: the lower-case name. */
public enum DestinationType {
    /** a Slack channel (bot token: chat.postMessage; webhook-only workspaces: the webhook's own channel) */
    SLACK_CHANNEL,
    /** a Slack DM to the event's agent (their Slack user found by e-mail) */
    SLACK_DM,
    /** e-mail: to {@code address}, else to the event's agent */
    EMAIL,
    /** an {@code alert} frame on the event's agent's WebSocket */
    WEBSOCKET;

    /** True when the destination is the event's agent rather than a fixed address. */
    public boolean personal(Destination destination) {
        return this == SLACK_DM || this == WEBSOCKET || (this == EMAIL && destination.address() == null);
    }
}
