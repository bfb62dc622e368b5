package com.quimbi.crm.gateway.me;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where {@code GET /api/auth/me} fetches the caller's agent profile, and how long it waits for it. */
@ConfigurationProperties("crm.gateway.profile")
public record ProfileProperties(@DefaultValue("http://localhost:8082") URI agentServiceUrl,
        @DefaultValue("1s") Duration connectTimeout, @DefaultValue("3s") Duration responseTimeout) {
}
