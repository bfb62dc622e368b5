package com.quimbi.crm.integration.gorgias;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crm.integration.gorgias.*}. {@code baseUrl} empty = {@code https://<domain>.gorgias.com} (tests point it at
 * a stand-in); {@code appUrl} likewise for the agent-facing ticket links. The account's limit is {@code rateLimit}
 * calls per {@code rateWindow} (40 / 20 s for API-key integrations). Jobs, receipts and pushes poll every
 * {@code pollInterval}; a failed push is retried with backoff ({@code firstRetry} doubling, ≤ {@code maxRetry}) up
 * to {@code maxAttempts}, then it is {@code failed}. {@code pushNewTickets}: our new tickets are created in Gorgias.
 */
@ConfigurationProperties("crm.integration.gorgias")
public record GorgiasProperties(URI baseUrl, URI appUrl, @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout, @DefaultValue("3") int retryAttempts,
        @DefaultValue("500ms") Duration retryWait, @DefaultValue("40") int rateLimit,
        @DefaultValue("20s") Duration rateWindow, @DefaultValue("30") int pageSize,
        @DefaultValue("500ms") Duration pollInterval, @DefaultValue("8") int maxAttempts,
        @DefaultValue("2s") Duration firstRetry, @DefaultValue("30m") Duration maxRetry,
        @DefaultValue("true") boolean pushNewTickets, @DefaultValue("true") boolean processingEnabled,
        @DefaultValue("crm-") String externalIdPrefix) {
}
