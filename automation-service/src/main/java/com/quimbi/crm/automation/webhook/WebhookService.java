package com.quimbi.crm.automation.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.automation.webhook.internal.WebhookStore;
import com.quimbi.crm.automation.webhook.internal.WebhookStore.DeliveryRow;
import com.quimbi.crm.automation.webhook.internal.WebhookStore.EndpointRow;
import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.crypto.SecretBox;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.problem.ProblemHandler.FieldError;

/** Endpoints as data (admin), their secrets sealed at rest, their delivery log and manual redelivery; audited. */
@Service
public class WebhookService {

    static final int LOG_LIMIT = 100;

    private final WebhookStore store;
    private final SecretBox secrets;
    private final AuditTrail audit;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookService(WebhookStore store, WebhookSecrets secrets, AuditTrail audit, WebhookProperties properties,
            Clock clock) {
        this.store = store;
        this.secrets = secrets.box();
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<WebhookEndpoint> list() {
        return store.all().stream().map(WebhookService::view).toList();
    }

    @Transactional(readOnly = true)
    public WebhookEndpoint get(UUID id) {
        return view(row(id));
    }

    /** The answer carries the new secret, the only time it is shown. */
    @Transactional
    public WebhookEndpoint create(WebhookEndpointRequest request) {
        validate(request);
        Instant now = clock.instant();
        String secret = WebhookSignature.newSecret();
        EndpointRow row = new EndpointRow(Ids.newId(), request.name().strip(), request.url().strip(),
                events(request), secrets.encrypt(secret), null, null, enabled(request), 0, null, now, now);
        store.insert(row);
        audit.record("webhook.created", "webhook", row.id(), null, view(row));
        return view(row).withSecret(secret);
    }

    @Transactional
    public WebhookEndpoint update(UUID id, WebhookEndpointRequest request) {
        EndpointRow before = row(id);
        validate(request);
        boolean enabled = enabled(request);
        // enabling again starts a fresh streak; the pending deliveries go out again from now
        boolean reenabled = enabled && !before.enabled();
        EndpointRow after = new EndpointRow(id, request.name().strip(), request.url().strip(),
                events(request), before.secretSealed(), before.previousSecretSealed(),
                before.previousUntil(), enabled, reenabled ? 0 : before.failureStreak(),
                enabled ? null : before.disabledReason(), before.createdAt(), clock.instant());
        store.update(after);
        audit.record("webhook.updated", "webhook", id, view(before), view(after));
        return view(after);
    }

    @Transactional
    public void delete(UUID id) {
        EndpointRow row = row(id);
        store.delete(id);
        audit.record("webhook.deleted", "webhook", id, view(row), null);
    }

    /**
     * A new secret signs from now on; the previous one keeps signing beside it (a second {@code v1=}) for
     * {@code secret-overlap}, so receivers can switch without losing a delivery.
     */
    @Transactional
    public WebhookEndpoint rotateSecret(UUID id) {
        EndpointRow before = row(id);
        Instant now = clock.instant();
        String secret = WebhookSignature.newSecret();
        EndpointRow after = new EndpointRow(id, before.name(), before.url(), before.events(), secrets.encrypt(secret),
                before.secretSealed(), now.plus(properties.secretOverlap()), before.enabled(), before.failureStreak(),
                before.disabledReason(), before.createdAt(), now);
        store.update(after);
        audit.record("webhook.secret_rotated", "webhook", id, null, null);
        return view(after).withSecret(secret);
    }

    @Transactional(readOnly = true)
    public List<WebhookDelivery> deliveries(UUID endpointId) {
        row(endpointId);
        return store.deliveries(endpointId, LOG_LIMIT).stream().map(WebhookService::view).toList();
    }

    @Transactional
    public void redeliver(UUID endpointId, UUID deliveryId) {
        row(endpointId);
        if (!store.redeliver(endpointId, deliveryId, clock.instant())) {
            throw new NotFoundException("Webhook delivery", deliveryId);
        }
    }

    private EndpointRow row(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Webhook", id));
    }

    private static List<String> events(WebhookEndpointRequest request) {
        return request.events().stream().distinct().toList();
    }

    private static boolean enabled(WebhookEndpointRequest request) {
        return request.enabled() == null || request.enabled();
    }

    private static void validate(WebhookEndpointRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (!isHttpUrl(request.url())) {
            errors.add(new FieldError("url", "must be an absolute http or https URL"));
        }
        request.events().stream().filter(event -> event == null || !WebhookEvents.NAMES.contains(event)).distinct()
                .forEach(event -> errors.add(new FieldError("events", "unknown event " + event + "; known: "
                        + WebhookEvents.NAMES)));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static WebhookEndpoint view(EndpointRow row) {
        return new WebhookEndpoint(row.id(), row.name(), row.url(), row.events(), row.enabled(), row.failureStreak(),
                row.disabledReason(), row.previousUntil(), row.createdAt(), row.updatedAt(), null);
    }

    private static WebhookDelivery view(DeliveryRow row) {
        return new WebhookDelivery(row.id(), row.endpointId(), row.eventId(), row.eventType(), row.status(),
                row.attempts(), row.nextAttemptAt(), row.responseStatus(), row.lastError(), row.createdAt(),
                row.lastAttemptAt());
    }
}
