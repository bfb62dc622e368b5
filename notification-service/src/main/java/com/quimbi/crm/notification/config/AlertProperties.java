package com.quimbi.crm.notification.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** crm.alerts.*: rules, Slack, e-mail and delivery settings (application.yml documents each). */
@ConfigurationProperties("crm.alerts")
public record AlertProperties(
        @DefaultValue("http://localhost:8080/tickets/{id}") String ticketUrl,
        @DefaultValue("15m") Duration maxEventAge,
        @DefaultValue Encryption encryption,
        @DefaultValue Slack slack,
        @DefaultValue Delivery delivery,
        @DefaultValue Mail mail,
        @DefaultValue Peers peers) {

    /** AES-256-GCM keys (base64 of 32 bytes) for the Slack secrets at rest; previous keys only decrypt. */
    public record Encryption(String key, @DefaultValue List<String> previousKeys) {
    }

    /**
     * Slack's Web API base ({@code https://slack.com/api/}; a stand-in in tests), timeouts, the channel list's cache,
     * the signed-request window, the circuit breaker.
     */
    public record Slack(@DefaultValue("https://slack.com/api/") String methodsUrl,
            @DefaultValue("3s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("60s") Duration channelsCacheTtl, @DefaultValue("5m") Duration requestTolerance,
            @DefaultValue("50") int failureRateThreshold, @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("30s") Duration openWait, @DefaultValue("5s") Duration inboundRetryInterval,
            @DefaultValue("5") int inboundMaxAttempts) {
    }

    /**
     * Batching and retries. A destination's first item waits {@code gather} for company; after a message the next
     * one to that destination waits {@code window} (a burst becomes one message listing it), at most
     * {@code maxItemsPerMessage} items each (a longer backlog goes on after {@code rateInterval}, Slack's ~1 message
     * per second and channel). The same ticket and kind inside {@code dedupeWindow} is one item. 5xx/timeouts retry
     * with backoff ({@code backoff} doubling to {@code maxBackoff}) up to {@code maxAttempts}, then {@code failed}.
     */
    public record Delivery(@DefaultValue("2s") Duration gather, @DefaultValue("60s") Duration window,
            @DefaultValue("1s") Duration rateInterval, @DefaultValue("10m") Duration dedupeWindow,
            @DefaultValue("200") int maxItemsPerMessage, @DefaultValue("6") int maxAttempts,
            @DefaultValue("2s") Duration backoff, @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue("500ms") Duration pollInterval, @DefaultValue("true") boolean dispatcherEnabled) {
    }

    /** The From of e-mail alerts (the SMTP server is spring.mail.*). */
    public record Mail(@DefaultValue("alerts@crm.local") String from) {
    }

    /**
     * Calls to ticket-service (a Slack thread reply → an internal note) and assignment-service (Assign to me) as the
     * agent: an access token for the agent from Keycloak's token exchange (client {@code clientId}, impersonation of
     * the agent), cached until shortly before it expires.
     */
    public record Peers(@DefaultValue("http://localhost:8081") URI ticketServiceUrl,
            @DefaultValue("http://localhost:8083") URI assignmentServiceUrl,
            @DefaultValue("http://localhost:18080/realms/crm/protocol/openid-connect/token") URI tokenUrl,
            @DefaultValue("crm-notification-service") String clientId, String clientSecret,
            @DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {
    }

    /** The console's page of a ticket. */
    public String ticketLink(Object ticketId) {
        return ticketUrl.replace("{id}", String.valueOf(ticketId));
    }
}
