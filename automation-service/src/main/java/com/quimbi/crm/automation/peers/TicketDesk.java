package com.quimbi.crm.automation.peers;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only way automation-service touches tickets: ticket-service's and assignment-service's own APIs, with the
 * bearer token of whoever acts (the applying agent for macros), so their rules, roles and activity log apply as in
 * the console. Each call carries the application's Idempotency-Key (suffixed per step) for the owning services;
 * the steps already done are also remembered here, so a retry never repeats one.
 */
@Component
public class TicketDesk {

    static final String TICKETS = "ticket-service";
    static final String ASSIGNMENTS = "assignment-service";

    private final RestClient tickets;
    private final RestClient assignments;
    private final JsonMapper json;

    TicketDesk(PeersProperties properties, RestClient.Builder builder, JsonMapper json) {
        this.json = json;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                // HTTP/1.1: no h2c upgrade dance with the other services' (and stand-ins') servers
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(properties.connectTimeout()).build());
        requests.setReadTimeout(properties.readTimeout());
        this.tickets = builder.clone().requestFactory(requests).baseUrl(properties.ticketServiceUrl()).build();
        this.assignments = builder.clone().requestFactory(requests).baseUrl(properties.assignmentServiceUrl()).build();
    }

    /** A ticket as ticket-service shows it (with its customer summary) and its ETag. */
    public record TicketView(JsonNode ticket, String etag) {
    }

    public TicketView ticket(UUID ticketId, String token) {
        ResponseEntity<String> reply = call(TICKETS, () -> tickets.get().uri("/api/tickets/{id}", ticketId)
                .headers(h -> h.setBearerAuth(token)).retrieve().toEntity(String.class));
        return new TicketView(json.readTree(reply.getBody()), reply.getHeaders().getETag());
    }

    /** PATCH /api/tickets/{id} with If-Match: a change in between is a 412 (the caller re-reads and retries). */
    public void update(UUID ticketId, Map<String, Object> changes, String etag, String token, String idempotencyKey) {
        call(TICKETS, () -> tickets.patch().uri("/api/tickets/{id}", ticketId)
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (etag != null) {
                        h.setIfMatch(etag);
                    }
                    h.set("Idempotency-Key", idempotencyKey);
                })
                .contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(changes))
                .retrieve().toBodilessEntity());
    }

    /** POST /api/tickets/{id}/messages: a public agent reply or an internal note. */
    public void addMessage(UUID ticketId, Map<String, Object> message, String token, String idempotencyKey) {
        call(TICKETS, () -> tickets.post().uri("/api/tickets/{id}/messages", ticketId)
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Idempotency-Key", idempotencyKey);
                })
                .contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(message))
                .retrieve().toBodilessEntity());
    }

    /** POST /api/tickets/{id}/assign on assignment-service: its capacity and role rules decide. */
    public void assign(UUID ticketId, UUID agentId, String token, String idempotencyKey) {
        call(ASSIGNMENTS, () -> assignments.post().uri("/api/tickets/{id}/assign", ticketId)
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Idempotency-Key", idempotencyKey);
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(Map.of("agentId", agentId.toString())))
                .retrieve().toBodilessEntity());
    }

    private <T> T call(String service, Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            throw new PeerException(service, e.getStatusCode().value(), detail(e));
        } catch (ResourceAccessException e) {
            throw new PeerException(service, 0, e.getMessage());
        }
    }

    /** The peer's problem detail when it sent one (never its whole body: it may echo input). */
    private String detail(RestClientResponseException e) {
        try {
            JsonNode problem = json.readTree(e.getResponseBodyAsString());
            String detail = problem.path("detail").asString();
            return detail.isBlank() ? null : detail;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
