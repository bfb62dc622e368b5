package com.quimbi.crm.gateway.audit;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code crm.gateway.audit}: the services whose {@code GET /internal/audit} make up the trail (name → base URL), and
 * how long one may take before the answer goes out without it.
 */
@ConfigurationProperties("crm.gateway.audit")
record AuditProperties(Map<String, URI> services, Duration timeout) {

    AuditProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }
}
