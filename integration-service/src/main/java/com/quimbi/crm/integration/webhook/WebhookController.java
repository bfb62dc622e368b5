package com.quimbi.crm.integration.webhook;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;

@RestController
class WebhookController {

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /** Shopify's deliveries (no JWT: the HMAC authenticates). Stored, then 200; the work happens after. */
    @PostMapping("/webhooks/shopify")
    @SecurityRequirements
    ResponseEntity<Void> receive(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = "X-Shopify-Topic", required = false) String topic,
            @RequestHeader(name = "X-Shopify-Hmac-Sha256", required = false) String hmac,
            @RequestHeader(name = "X-Shopify-Shop-Domain", required = false) String shopDomain,
            @RequestHeader(name = "X-Shopify-Event-Id", required = false) String eventId,
            @RequestHeader(name = "X-Shopify-Webhook-Id", required = false) String webhookId,
            @RequestHeader(name = "X-Shopify-Triggered-At", required = false) String triggeredAt) {
        webhooks.receive(new WebhookService.Delivery(body == null ? new byte[0] : body, topic, hmac, shopDomain,
                eventId != null ? eventId : webhookId, triggeredAt));
        return ResponseEntity.ok().build();
    }

    /** Receipts by status ({@code failed} = dead letters after the last retry), newest first. */
    @GetMapping("/api/shopify/webhooks")
    @PreAuthorize(Roles.IS_ADMIN)
    List<Receipt> list(@RequestParam(defaultValue = "failed") ReceiptStatus status,
            @RequestParam(defaultValue = "50") int limit) {
        return webhooks.list(status, Math.clamp(limit, 1, 200));
    }
}
