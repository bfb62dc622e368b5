package com.quimbi.crm.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the gateway itself ({@code crm.gateway.*}); routes live under
 * {@code spring.cloud.gateway.server.webflux.routes}.
 */
@ConfigurationProperties("crm.gateway")
public record CrmGatewayProperties(@DefaultValue Keycloak keycloak, @DefaultValue RateLimit rateLimit,
        @DefaultValue Cors cors, @DefaultValue DenyList denyList, @DefaultValue Webhooks webhooks) {

    /** The confidential client the gateway uses for login, refresh and logout. */
    public record Keycloak(@DefaultValue("http://localhost:18080") URI url, @DefaultValue("crm") String realm,
            @DefaultValue("crm-gateway") String clientId, String clientSecret,
            @DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration responseTimeout) {

        public URI tokenEndpoint() {
            return URI.create(base() + "/realms/" + realm + "/protocol/openid-connect/token");
        }

        public URI logoutEndpoint() {
            return URI.create(base() + "/realms/" + realm + "/protocol/openid-connect/logout");
        }

        private String base() {
            String value = url.toString();
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        }
    }

    /** Token bucket per user (JWT subject) or, for anonymous calls, per client IP. */
    /**
     * @param timeout how long a request waits for Redis's answer; past it the request is let through (fail open: a
     *                slow or absent Redis must not make the API slow or unavailable; the services' in-flight limits
     *                still bound their load)
     */
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("50") int replenishRate,
            @DefaultValue("100") long burstCapacity, @DefaultValue("1") int requestedTokens,
            @DefaultValue("100ms") Duration timeout) {
    }

    public record Cors(@DefaultValue("http://localhost:5173") List<String> allowedOrigins,
            @DefaultValue({ "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" }) List<String> allowedMethods,
            @DefaultValue({ "Authorization", "Content-Type", "Idempotency-Key", "If-Match",
                    "X-Request-Id" }) List<String> allowedHeaders,
            @DefaultValue({ "ETag", "Location", "X-Request-Id", "Retry-After",
                    "X-RateLimit-Remaining" }) List<String> exposedHeaders,
            @DefaultValue("1h") Duration maxAge) {
    }

    /**
     * Partner webhooks ({@code /webhooks/**} and the partner aliases): no JWT, body limit, one token bucket per
     * partner source sized for its delivery peaks.
     */
    public record Webhooks(@DefaultValue("1MB") DataSize maxBodyBytes, @DefaultValue("true") boolean rateLimitEnabled,
            @DefaultValue("200") int replenishRate, @DefaultValue("400") long burstCapacity) {
    }

    /**
     * Logged-out sessions. An entry lives as long as an access token of the session can still be valid;
     * {@code fallbackTtl} is used when a token carries no {@code iat}/{@code exp}.
     */
    public record DenyList(@DefaultValue("crm:gateway:denied-sid:") String keyPrefix,
            @DefaultValue("15m") Duration fallbackTtl) {
    }
}
