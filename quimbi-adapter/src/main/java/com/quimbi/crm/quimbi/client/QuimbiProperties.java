package com.quimbi.crm.quimbi.client;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach Quimbi ({@code crm.quimbi.*}, from {@code QUIMBI_*} variables). Checked while binding, so a
 * bad URL or a missing key with Quimbi enabled stops the service at start-up with a message saying which
 * variable to fix, instead of failing on the first ticket.
 */
@ConfigurationProperties("crm.quimbi")
public record QuimbiProperties(
        @DefaultValue("false") boolean enabled,
        URI baseUrl,
        String apiKey,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("2s") Duration readTimeout,
        @DefaultValue("10s") Duration draftReadTimeout,
        @DefaultValue Retry retry,
        @DefaultValue CircuitBreaker circuitBreaker,
        @DefaultValue Bulkhead bulkhead) {

    public QuimbiProperties {
        if (enabled) {
            if (baseUrl == null || baseUrl.getHost() == null
                    || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
                throw new IllegalArgumentException("QUIMBI_BASE_URL must be an absolute http(s) URL when Quimbi is "
                        + "enabled (QUIMBI_ENABLED=true), got '" + baseUrl + "'");
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("QUIMBI_API_KEY is required when Quimbi is enabled "
                        + "(QUIMBI_ENABLED=true); set it, or set QUIMBI_ENABLED=false to use the fallbacks");
            }
        }
        requirePositive(connectTimeout, "crm.quimbi.connect-timeout");
        requirePositive(readTimeout, "crm.quimbi.read-timeout");
        requirePositive(draftReadTimeout, "crm.quimbi.draft-read-timeout");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }

    /** Retries apply to idempotent calls only (GETs and the side-effect-free classification). */
    public record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("100ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier, @DefaultValue("0.5") double jitter) {
        public Retry {
            if (maxAttempts < 1 || multiplier < 1.0 || jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException("crm.quimbi.retry: max-attempts >= 1, multiplier >= 1 and "
                        + "0 <= jitter < 1 required");
            }
        }
    }

    public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize, @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("30s") Duration waitInOpenState, @DefaultValue("3") int permittedCallsInHalfOpenState,
            @DefaultValue("1500ms") Duration slowCallDuration) {
    }

    /** Caps concurrent calls so a slow Quimbi cannot tie up every consumer and request thread. */
    public record Bulkhead(@DefaultValue("16") int maxConcurrentCalls, @DefaultValue("0ms") Duration maxWait) {
    }
}
