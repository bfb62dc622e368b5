package com.quimbi.crm.agent.keycloak;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the Keycloak Admin REST API is, the service account's client, and how hard to try (application.yml). */
@ConfigurationProperties("crm.agent.keycloak")
public record KeycloakProperties(String url, String realm, String clientId, String clientSecret,
        Duration connectTimeout, Duration readTimeout, int retryAttempts, Duration retryWait,
        float failureRateThreshold, int slidingWindowSize, int minimumCalls, Duration openWait) {
}
