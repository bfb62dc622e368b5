package com.quimbi.crm.notification.slack;

import java.io.IOException;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** Slack's requests (no JWT: Slack's signature authenticates). Verified, stored, 200 at once; the work happens after. */
@RestController
@Tag(name = "Slack webhooks")
class SlackWebhookController {

    static final int MAX_BODY = 1 << 20;

    private final SlackInbound inbound;

    SlackWebhookController(SlackInbound inbound) {
        this.inbound = inbound;
    }

    @PostMapping({ "/webhooks/slack/events", "/api/slack/webhooks/events" })
    @SecurityRequirements
    @Operation(summary = "Slack Events API", description = "Signed by Slack (X-Slack-Signature over v0:{timestamp}:{body}, "
            + "timestamp within 5 minutes either way) else 401. url_verification is answered with its challenge; "
            + "event_callback is stored by event_id (Slack's retries are no-ops) and acknowledged at once.")
    ResponseEntity<Map<String, String>> events(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = "X-Slack-Request-Timestamp", required = false) String timestamp,
            @RequestHeader(name = "X-Slack-Signature", required = false) String signature,
            @RequestHeader(name = "X-Slack-Retry-Num", required = false) String retryNum) {
        return inbound.event(body == null ? new byte[0] : body, timestamp, signature, retryNum)
                .map(challenge -> ResponseEntity.ok(Map.of("challenge", challenge)))
                .orElseGet(() -> ResponseEntity.ok().build());
    }

    @PostMapping("/webhooks/slack/interactivity")
    @SecurityRequirements
    @Operation(summary = "Slack interactivity (buttons)", description = "Signed like events. Acknowledge, Assign to me "
            + "(as the agent whose e-mail matches the Slack user's), Open.")
    ResponseEntity<Void> interactivity(HttpServletRequest request,
            @RequestHeader(name = "X-Slack-Request-Timestamp", required = false) String timestamp,
            @RequestHeader(name = "X-Slack-Signature", required = false) String signature) throws IOException {
        // the raw bytes as Slack signed them: a form body read through @RequestBody would be rebuilt from the
        // parsed parameters (re-encoded), and its signature would no longer match
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new SlackWebhookRejected(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + MAX_BODY + " bytes");
        }
        inbound.interaction(body, timestamp, signature);
        return ResponseEntity.ok().build();
    }
}
