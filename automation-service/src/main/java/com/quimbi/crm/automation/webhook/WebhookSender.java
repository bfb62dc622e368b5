package com.quimbi.crm.automation.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.webhook.internal.WebhookStore;
import com.quimbi.crm.automation.webhook.internal.WebhookStore.DeliveryRow;
import com.quimbi.crm.automation.webhook.internal.WebhookStore.EndpointRow;
import com.quimbi.crm.platform.crypto.SecretBox;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * One delivery attempt per transaction: the due row and its endpoint locked (SKIP LOCKED), the body POSTed with a
 * fresh signature, the outcome written. A 2xx is delivered and resets the endpoint's failure streak; anything else
 * (another status, no connection, a timeout; redirects are not followed) is retried after
 * {@code backoff-base × 2^(attempt − 1)} up to {@code max-attempts}, then failed. {@code disable-after} failures in
 * a row disable the endpoint (warning log, metric, reason on the endpoint) until an admin enables it again.
 * At least once: a crash after the receiver's answer and before the commit sends the same event id again.
 */
@Component
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookStore store;
    private final SecretBox secrets;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Optional<MeterRegistry> meters;
    private final HttpClient http;

    WebhookSender(WebhookStore store, WebhookSecrets secrets, WebhookProperties properties, Clock clock,
            Optional<MeterRegistry> meters) {
        this.store = store;
        this.secrets = secrets.box();
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(properties.connectTimeout()).build();
    }

    /** @return whether a due delivery was attempted (the dispatcher drains until none is left) */
    @Transactional
    public boolean sendNextDue() {
        Instant now = clock.instant();
        Optional<DeliveryRow> due = store.lockNextDue(now);
        if (due.isEmpty()) {
            return false;
        }
        DeliveryRow delivery = due.get();
        EndpointRow endpoint = store.find(delivery.endpointId()).orElseThrow();
        Integer status = null;
        String error = null;
        try {
            HttpResponse<Void> response = http.send(request(endpoint, delivery, now),
                    HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status < 200 || status >= 300) {
                error = "HTTP " + status;
            }
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        int attempts = delivery.attempts() + 1;
        if (error == null) {
            store.attempted(delivery.id(), "delivered", attempts, null, status, null, now);
            store.setStreak(endpoint.id(), 0);
            count("delivered");
            return true;
        }
        boolean last = attempts >= properties.maxAttempts();
        store.attempted(delivery.id(), last ? "failed" : "pending", attempts,
                last ? null : now.plus(properties.backoffAfter(attempts)), status, truncate(error), now);
        count(last ? "failed" : "retry");
        int streak = endpoint.failureStreak() + 1;
        store.setStreak(endpoint.id(), streak);
        if (streak >= properties.disableAfter()) {
            String reason = "disabled after " + streak + " failed attempts in a row (last: " + truncate(error) + ")";
            store.disable(endpoint.id(), truncate(reason), now);
            meters.ifPresent(m -> m.counter("crm_automation_webhook_endpoints_disabled").increment());
            log.warn("webhook endpoint {} ({}) {}", endpoint.id(), endpoint.name(), reason);
        }
        return true;
    }

    private HttpRequest request(EndpointRow endpoint, DeliveryRow delivery, Instant now) {
        List<String> signing = new ArrayList<>(List.of(secrets.decrypt(endpoint.secretSealed())));
        if (endpoint.previousSecretSealed() != null && endpoint.previousUntil() != null
                && now.isBefore(endpoint.previousUntil())) {
            signing.add(secrets.decrypt(endpoint.previousSecretSealed()));
        }
        return HttpRequest.newBuilder(URI.create(endpoint.url())).timeout(properties.readTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "SupportCRM-Webhooks/1")
                .header(WebhookSignature.HEADER, WebhookSignature.header(now.getEpochSecond(), delivery.payload(), signing))
                .header("X-Crm-Event", delivery.eventType())
                .header("X-Crm-Delivery", delivery.id().toString())
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload())).build();
    }

    private void count(String outcome) {
        meters.ifPresent(m -> m.counter("crm_automation_webhook_deliveries", "outcome", outcome).increment());
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
