package com.quimbi.crm.automation.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An admin-defined receiver. {@code secret} is only filled in the answer that made it (create, rotate): it is
 * stored sealed and never shown again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookEndpoint(UUID id, String name, String url, List<String> events, boolean enabled,
        int failureStreak, String disabledReason, Instant previousSecretValidUntil, Instant createdAt,
        Instant updatedAt, String secret) {

    WebhookEndpoint withSecret(String plain) {
        return new WebhookEndpoint(id, name, url, events, enabled, failureStreak, disabledReason,
                previousSecretValidUntil, createdAt, updatedAt, plain);
    }
}
