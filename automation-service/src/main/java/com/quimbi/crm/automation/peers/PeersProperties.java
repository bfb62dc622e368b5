package com.quimbi.crm.automation.peers;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the services that own tickets and assignments are, and the client automation-service acts as. */
@ConfigurationProperties("crm.automation.peers")
public record PeersProperties(String ticketServiceUrl, String assignmentServiceUrl, Duration connectTimeout,
        Duration readTimeout, String tokenUrl, String clientId, String clientSecret) {

    public PeersProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    }

    /** Never the secret in logs or actuator output. */
    @Override
    public String toString() {
        return "PeersProperties[ticketServiceUrl=" + ticketServiceUrl + ", assignmentServiceUrl=" + assignmentServiceUrl
                + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId + "]";
    }
}
