package com.quimbi.crm.integration.gorgias;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;

@RestController
class GorgiasWebhookController {

    private final GorgiasWebhookService webhooks;

    GorgiasWebhookController(GorgiasWebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * The HTTP integration's deliveries (no JWT: Gorgias does not sign, the shared secret header authenticates).
     * Stored, then 200; the work happens after. The gateway also routes the seed's
     * {@code POST /api/gorgias/webhooks/ticket-created} and {@code …/ticket-message-created} here.
     */
    @PostMapping("/webhooks/gorgias/{event}")
    @SecurityRequirements
    ResponseEntity<Void> receive(@PathVariable String event, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = GorgiasWebhookService.SECRET_HEADER, required = false) String secret) {
        webhooks.receive(event, body == null ? new byte[0] : body, secret);
        return ResponseEntity.ok().build();
    }
}
