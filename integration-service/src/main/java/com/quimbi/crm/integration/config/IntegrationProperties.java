package com.quimbi.crm.integration.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code crm.integration.*}: every value from the environment, local defaults in application.yml. */
@ConfigurationProperties("crm.integration")
public record IntegrationProperties(@DefaultValue Encryption encryption, @DefaultValue Shopify shopify,
        @DefaultValue Webhooks webhooks, @DefaultValue Sync sync) {

    /**
     * AES-256-GCM keys, base64 of 32 bytes. {@code key} encrypts; {@code previousKeys} only decrypt (key
     * rotation: README), and rows still under one of them are re-encrypted with {@code key} at start-up.
     */
    public record Encryption(String key, @DefaultValue List<String> previousKeys) {
    }

    /**
     * The Admin API and the public app. {@code adminBaseUrl} empty = {@code https://<shop domain>} (tests point
     * it at a stand-in); {@code apiKey}/{@code apiSecret} are the public app's client id and secret (empty = no
     * OAuth install, custom apps only).
     */
    public record Shopify(@DefaultValue("2026-10") String apiVersion, URI adminBaseUrl, String apiKey,
            String apiSecret, @DefaultValue("read_customers,read_orders,read_products") String scopes,
            URI redirectUri, @DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("3") int retryAttempts, @DefaultValue("300ms") Duration retryWait,
            @DefaultValue("10m") Duration oauthStateTtl, @DefaultValue("90s") Duration oauthClockSkew,
            @DefaultValue("10m") Duration refreshAhead) {
    }

    /**
     * Receipts are kept {@code retention} (at least 7 days: Shopify retries for 48 h, replays older than the
     * window are refused because a duplicate of them could no longer be recognised). Processing polls every
     * {@code pollInterval}, retries a failed receipt with exponential backoff up to {@code maxAttempts}, then
     * dead-letters it. During a secret rotation the previous secret is accepted for {@code secretOverlap}.
     */
    public record Webhooks(@DefaultValue("7d") Duration retention, @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("8") int maxAttempts, @DefaultValue("2s") Duration firstRetry,
            @DefaultValue("30m") Duration maxRetry, @DefaultValue("50") int batchSize,
            @DefaultValue("24h") Duration secretOverlap, @DefaultValue("true") boolean processingEnabled) {
    }

    /**
     * Sync jobs run every {@code pollInterval}. A shop with at least {@code bulkThreshold} customers is synced with
     * a bulk operation (one JSONL file) instead of cursor pages; its status is polled every {@code bulkPollInterval}
     * and its lines are applied {@code bulkChunk} per transaction from a copy in {@code bulkDirectory}.
     */
    public record Sync(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("100000") int bulkThreshold,
            @DefaultValue("2s") Duration bulkPollInterval, @DefaultValue("1000") int bulkChunk, String bulkDirectory) {
    }
}
