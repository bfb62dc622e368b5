package com.quimbi.crm.automation.webhook;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/automations/webhooks")
@PreAuthorize(Roles.IS_ADMIN)
@Tag(name = "Outbound webhooks")
@ApiResponse(responseCode = "400", description = "Invalid fields", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "No such endpoint or delivery", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class WebhookController {

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    @Operation(summary = "List webhook endpoints", description = "Role: admin. Secrets are never shown.")
    List<WebhookEndpoint> list() {
        return webhooks.list();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a webhook endpoint", description = "Role: admin.")
    WebhookEndpoint get(@PathVariable UUID id) {
        return webhooks.get(id);
    }

    @PostMapping
    @Operation(summary = "Create a webhook endpoint", description = "Role: admin. The answer holds the signing "
            + "`secret`, shown this once. events: ticket.created, ticket.updated, ticket.solved, message.added, "
            + "sla.breached, csat.rated.")
    @ApiResponse(responseCode = "201", description = "Created; Location points at the endpoint")
    ResponseEntity<WebhookEndpoint> create(@Valid @RequestBody WebhookEndpointRequest request) {
        WebhookEndpoint endpoint = webhooks.create(request);
        return ResponseEntity.created(URI.create("/api/automations/webhooks/" + endpoint.id())).body(endpoint);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a webhook endpoint", description = "Role: admin. Enabling a disabled endpoint "
            + "clears its failure streak; its pending deliveries go out again.")
    WebhookEndpoint update(@PathVariable UUID id, @Valid @RequestBody WebhookEndpointRequest request) {
        return webhooks.update(id, request);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a webhook endpoint", description = "Role: admin. Its deliveries go with it.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/rotate-secret")
    @Operation(summary = "Rotate the signing secret", description = "Role: admin. The answer holds the new "
            + "`secret`; the previous one keeps signing beside it (a second v1=) until previousSecretValidUntil.")
    WebhookEndpoint rotateSecret(@PathVariable UUID id) {
        return webhooks.rotateSecret(id);
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The endpoint's delivery log", description = "Role: admin. The newest 100: status "
            + "(pending, delivered, failed), attempts, the receiver's last response code or error.")
    List<WebhookDelivery> deliveries(@PathVariable UUID id) {
        return webhooks.deliveries(id);
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Deliver again", description = "Role: admin. Queued at once with a fresh attempt budget "
            + "(the same event id and body; a fresh signature).")
    @ApiResponse(responseCode = "202", description = "Queued")
    ResponseEntity<Void> redeliver(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        webhooks.redeliver(id, deliveryId);
        return ResponseEntity.accepted().build();
    }
}
