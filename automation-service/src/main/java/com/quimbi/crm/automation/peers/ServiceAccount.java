package com.quimbi.crm.automation.peers;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * automation-service's own identity for work no agent asked for (time rules): an access token of the confidential
 * client {@code crm-automation-service} by client credentials (its service account holds the realm role agent
 * only), cached until 30 s before it expires. The secret is never logged.
 */
@Component
public class ServiceAccount {

    private final PeersProperties properties;
    private final RestClient http;
    private final JsonMapper json;
    private final Clock clock;
    private volatile String token;
    private volatile Instant expiresAt = Instant.EPOCH;

    ServiceAccount(PeersProperties properties, RestClient.Builder builder, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.connectTimeout()).build());
        requests.setReadTimeout(properties.readTimeout());
        this.http = builder.clone().requestFactory(requests).build();
    }

    public synchronized String token() {
        if (token != null && clock.instant().isBefore(expiresAt)) {
            return token;
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        try {
            String body = http.post().uri(properties.tokenUrl()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form).retrieve().body(String.class);
            JsonNode reply = json.readTree(body);
            token = reply.path("access_token").asString();
            expiresAt = clock.instant().plusSeconds(Math.max(0, reply.path("expires_in").asLong(60) - 30));
            return token;
        } catch (RestClientResponseException e) {
            // a wrong secret or a disabled client is a configuration fault, not the rule's: retried like an outage
            throw new PeerException("keycloak", 0, "client credentials refused (" + e.getStatusCode().value() + ")");
        } catch (ResourceAccessException e) {
            throw new PeerException("keycloak", 0, e.getMessage());
        }
    }
}
