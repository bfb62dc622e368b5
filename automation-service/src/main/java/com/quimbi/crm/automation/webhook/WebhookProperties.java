package com.quimbi.crm.automation.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbound webhooks: the key that seals endpoint secrets at rest (platform SecretBox, as integration-service's),
 * the dispatcher's pace, retries with exponential backoff and when an endpoint that keeps failing is disabled.
 */
@ConfigurationProperties("crm.automation.webhooks")
public record WebhookProperties(String encryptionKey, List<String> previousEncryptionKeys, boolean dispatcherEnabled,
        Duration pollInterval, int maxAttempts, Duration backoffBase, Duration backoffMax, int disableAfter,
        Duration secretOverlap, Duration connectTimeout, Duration readTimeout) {

    public WebhookProperties {
        previousEncryptionKeys = previousEncryptionKeys == null ? List.of() : previousEncryptionKeys;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
        backoffBase = backoffBase == null ? Duration.ofSeconds(10) : backoffBase;
        backoffMax = backoffMax == null ? Duration.ofHours(1) : backoffMax;
        disableAfter = disableAfter <= 0 ? 50 : disableAfter;
        secretOverlap = secretOverlap == null ? Duration.ofHours(24) : secretOverlap;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
    }

    /** The wait before attempt {@code attempts + 1}: base × 2^(attempts − 1), at most backoffMax. */
    Duration backoffAfter(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration wait = backoffBase.multipliedBy(1L << doublings);
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }

    /** Never the keys in logs or actuator output. */
    @Override
    public String toString() {
        return "WebhookProperties[maxAttempts=" + maxAttempts + ", backoffBase=" + backoffBase + ", disableAfter="
                + disableAfter + "]";
    }
}
