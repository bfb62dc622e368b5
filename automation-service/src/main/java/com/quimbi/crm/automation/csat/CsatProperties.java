package com.quimbi.crm.automation.csat;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.quimbi.crm.contracts.automation.CsatScale;

/**
 * CSAT surveys: when after solving one goes out ({@code delay}), on which channels, how it asks ({@code scale}), at
 * most one per customer per {@code window}, tickets with an {@code excluded-tags} tag never get one, and the
 * signed links (HMAC key {@code link-secret}, valid {@code link-validity}) point at {@code public-base-url}
 * (the gateway) + /api/csat/{token}.
 */
@ConfigurationProperties("crm.automation.csat")
public record CsatProperties(boolean schedulerEnabled, Duration delay, CsatScale scale, Duration window,
        List<String> channels, List<String> excludedTags, Duration linkValidity, String linkSecret,
        String publicBaseUrl, Duration pollInterval, Duration retryAfter) {

    public CsatProperties {
        delay = delay == null ? Duration.ofHours(24) : delay;
        scale = scale == null ? CsatScale.ONE_TO_FIVE : scale;
        window = window == null ? Duration.ofDays(30) : window;
        channels = channels == null ? List.of("email") : channels;
        excludedTags = excludedTags == null ? List.of("spam", "merged") : excludedTags;
        linkValidity = linkValidity == null ? Duration.ofDays(14) : linkValidity;
        publicBaseUrl = publicBaseUrl == null ? "http://localhost:8080" : publicBaseUrl.replaceAll("/+$", "");
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        retryAfter = retryAfter == null ? Duration.ofSeconds(30) : retryAfter;
    }

    /** Never the link secret in logs or actuator output. */
    @Override
    public String toString() {
        return "CsatProperties[delay=" + delay + ", scale=" + scale + ", window=" + window + ", channels=" + channels
                + "]";
    }
}
