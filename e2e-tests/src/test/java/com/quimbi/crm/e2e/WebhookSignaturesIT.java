package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Every partner webhook, through the gateway, refuses what is not signed by the partner: no signature, a wrong one, a
 * stale timestamp, a body too large, garbage. Refusals are 4xx problems, never 5xx, and never 2xx.
 */
class WebhookSignaturesIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String BIG = "{\"x\":\"" + "a".repeat(6 * 1024 * 1024) + "\"}";

    record Hook(String path, Map<String, String> signedHeaders) {
    }

    static List<Hook> hooks() {
        String now = Long.toString(Instant.now().getEpochSecond());
        return List.of(
                new Hook("/webhooks/shopify", Map.of("X-Shopify-Topic", "customers/update",
                        "X-Shopify-Shop-Domain", "probe.myshopify.com", "X-Shopify-Webhook-Id", "w-1",
                        "X-Shopify-Hmac-Sha256", "bm90IHRoZSByaWdodCBobWFj")),
                new Hook("/api/shopify/webhooks/customers", Map.of("X-Shopify-Topic", "customers/create",
                        "X-Shopify-Shop-Domain", "probe.myshopify.com", "X-Shopify-Hmac-Sha256", "AAAA")),
                new Hook("/webhooks/gorgias/ticket-created", Map.of("X-Gorgias-Signature", "deadbeef")),
                new Hook("/api/gorgias/webhooks/ticket-message-created", Map.of("X-Gorgias-Signature", "deadbeef")),
                new Hook("/webhooks/slack/events", Map.of("X-Slack-Request-Timestamp", now,
                        "X-Slack-Signature", "v0=" + "0".repeat(64))),
                new Hook("/api/slack/webhooks/events", Map.of("X-Slack-Request-Timestamp", now,
                        "X-Slack-Signature", "v0=" + "1".repeat(64))),
                new Hook("/webhooks/slack/interactivity", Map.of("X-Slack-Request-Timestamp", "1000000000",
                        "X-Slack-Signature", "v0=" + "2".repeat(64))));
    }

    @Test
    void unsignedBadlySignedStaleAndOversizedDeliveriesAreRefusedWithProblems() throws Exception {
        String gateway = E2eStack.get().serviceUrl("gateway");
        List<String> failures = new ArrayList<>();
        for (Hook hook : hooks()) {
            Map<String, Map<String, String>> variants = new LinkedHashMap<>();
            variants.put("unsigned", Map.of());
            variants.put("badly signed", hook.signedHeaders());
            Map<String, String> bodies = Map.of("json", "{\"id\":1,\"type\":\"event_callback\"}", "garbage",
                    "\u0000\u0001not json", "oversized", BIG);
            for (var variant : variants.entrySet()) {
                for (var body : bodies.entrySet()) {
                    HttpResponse<String> response = post(gateway + hook.path(), variant.getValue(), body.getValue());
                    int status = response.statusCode();
                    String type = response.headers().firstValue("Content-Type").orElse("");
                    String what = hook.path() + " " + variant.getKey() + " " + body.getKey() + " → " + status;
                    if (status < 400 || status >= 500) {
                        failures.add(what + " " + abbreviate(response.body()));
                    } else if (status != 429 && !type.startsWith("application/problem+json")) {
                        failures.add(what + " without a problem (" + type + ")");
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    static HttpResponse<String> post(String url, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", url.contains("interactivity") ? "application/x-www-form-urlencoded"
                            : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    // a server refuses an oversized body from its headers; with 100-continue the client hears that
                    // refusal instead of writing megabytes into a closed connection
                    .expectContinue(body.length() > 1024 * 1024);
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 429 || attempt > 100) {
                return response;
            }
            Thread.sleep(200);
        }
    }

    static String abbreviate(String s) {
        return s == null || s.length() < 200 ? s : s.substring(0, 200) + "…";
    }
}
