package com.quimbi.crm.notification.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** crm.realtime.*: the WebSocket layer's settings (application.yml documents each). */
@ConfigurationProperties("crm.realtime")
public record RealtimeProperties(
        List<String> allowedOrigins,
        Duration ticketTtl,
        Duration pingInterval,
        Duration silenceTimeout,
        Duration tokenExpiryMargin,
        int replayMaxFrames,
        Duration replayMaxAge,
        Presence presence,
        Collision collision) {

    public record Presence(Duration sessionTtl, Duration heartbeatInterval, Duration idleTimeout,
            Duration disconnectGrace, Duration sweepInterval) {
    }

    public record Collision(Duration replyingTtl, Duration viewingTtl) {
    }

    /** The configured origins, trimmed, empties dropped. */
    public List<String> origins() {
        return allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
