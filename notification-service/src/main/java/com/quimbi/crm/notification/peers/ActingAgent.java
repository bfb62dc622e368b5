package com.quimbi.crm.notification.peers;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import com.quimbi.crm.notification.config.AlertProperties;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Acts as an agent on other services' APIs, so their rules apply to that agent exactly as in the console: a Slack
 * thread reply becomes an internal note through ticket-service ({@code POST /api/tickets/{id}/messages}), the Assign to
 * me button goes through assignment-service ({@code POST /api/tickets/{id}/assign}: capacity, roles). The agent's
 * access token comes from Keycloak's token exchange (RFC 8693, impersonation: this service's confidential client
 * {@code crm-notification-service} asks for a token of {@code requested_subject} = the agent's id), cached until 30 s
 * before it expires. Timeouts and one circuit breaker per service; no retries here (the Slack inbox retries).
 */
@Component
public class ActingAgent {

    private static final Logger log = LoggerFactory.getLogger(ActingAgent.class);
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

    private final AlertProperties.Peers properties;
    private final RestClient http;
    private final Clock clock;
    private final JsonMapper json;
    private final CircuitBreaker tickets;
    private final CircuitBreaker assignments;
    private final CircuitBreaker keycloak;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    ActingAgent(AlertProperties properties, RestClient.Builder builder, Clock clock, JsonMapper json,
            Optional<MeterRegistry> meters) {
        this.properties = properties.peers();
        this.clock = clock;
        this.json = json;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                // HTTP/1.1: no h2c upgrade dance with the other services' (and stand-ins') servers
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(this.properties.connectTimeout()).build());
        requests.setReadTimeout(this.properties.readTimeout());
        this.http = builder.clone().requestFactory(requests).build();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(50).slidingWindowSize(20).minimumNumberOfCalls(10)
                .waitDurationInOpenState(java.time.Duration.ofSeconds(30))
                .recordExceptions(PeerException.Unavailable.class)
                .build());
        this.tickets = breakers.circuitBreaker("ticket-service");
        this.assignments = breakers.circuitBreaker("assignment-service");
        this.keycloak = breakers.circuitBreaker("keycloak-token-exchange");
        meters.ifPresent(registry -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry));
    }

    /** An internal note on the ticket, written by the agent. */
    public void addNote(String agentId, UUID ticketId, String body) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("body", body);
        request.put("internal", true);
        request.put("authorType", "agent");
        String token = tokenFor(agentId);
        guarded(tickets, () -> http.post()
                .uri(properties.ticketServiceUrl().resolve("/api/tickets/" + ticketId + "/messages"))
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .body(request).retrieve().toBodilessEntity());
    }

    /** The agent assigns the ticket to themself (assignment-service's rules: capacity, an unassigned ticket). */
    public void assignToSelf(String agentId, UUID ticketId) {
        String token = tokenFor(agentId);
        guarded(assignments, () -> http.post()
                .uri(properties.assignmentServiceUrl().resolve("/api/tickets/" + ticketId + "/assign"))
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("agentId", agentId, "note", "from Slack")).retrieve().toBodilessEntity());
    }

    private record Token(String value, Instant until) {
    }

    /** The agent's own access token (token exchange, impersonation), cached until 30 s before it expires. */
    public String tokenFor(String agentId) {
        Token cached = tokens.get(agentId);
        Instant now = clock.instant();
        if (cached != null && cached.until().isAfter(now)) {
            return cached.value();
        }
        if (properties.clientSecret() == null || properties.clientSecret().isBlank()) {
            throw new PeerException.Unavailable("no client secret for the token exchange (CRM_NOTIFICATION_CLIENT_SECRET)", null);
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", TOKEN_EXCHANGE);
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        form.add("requested_subject", agentId);
        form.add("requested_token_type", ACCESS_TOKEN);
        String answer = guarded(keycloak, () -> http.post().uri(properties.tokenUrl())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(String.class));
        JsonNode token = json.readTree(answer == null ? "{}" : answer);
        String value = token.path("access_token").asString();
        if (value == null || value.isEmpty()) {
            throw new PeerException.Unavailable("the token exchange answered without an access token", null);
        }
        long expiresIn = token.path("expires_in").asLong(60);
        tokens.put(agentId, new Token(value, now.plusSeconds(Math.max(0, expiresIn - 30))));
        return value;
    }

    private <T> T guarded(CircuitBreaker breaker, Supplier<T> call) {
        try {
            return breaker.executeSupplier(() -> {
                try {
                    return call.get();
                } catch (RestClientResponseException e) {
                    if (e.getStatusCode().is5xxServerError() || e.getStatusCode().value() == 429) {
                        throw new PeerException.Unavailable(breaker.getName() + " answered " + e.getStatusCode().value(), e);
                    }
                    throw new PeerException.Refused(e.getStatusCode().value(), detail(e));
                } catch (ResourceAccessException e) {
                    throw new PeerException.Unavailable(breaker.getName() + " did not answer: " + e.getMessage(), e);
                }
            });
        } catch (CallNotPermittedException e) {
            throw new PeerException.Unavailable(breaker.getName() + " circuit open", e);
        }
    }

    private String detail(RestClientResponseException e) {
        try {
            JsonNode problem = json.readTree(e.getResponseBodyAsString());
            String detail = problem.path("detail").asString();
            if (detail != null && !detail.isBlank()) {
                return detail;
            }
            String description = problem.path("error_description").asString();
            if (description != null && !description.isBlank()) {
                return description;
            }
            String title = problem.path("title").asString();
            if (title != null && !title.isBlank()) {
                return title;
            }
        } catch (JacksonException parse) {
            // the refusal's body is only used for its wording; the status is what counts
            log.debug("not a problem document: {}", parse.toString());
        }
        return "HTTP " + e.getStatusCode().value();
    }
}
