package com.quimbi.crm.gateway.me;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * agent-service's {@code GET /api/agents/me}, called with the caller's own access token (agent-service
 * authorizes it like any request; no password or service secret involved). Never fails: a slow, failing or
 * unreachable agent-service is reported as {@code unavailable}, so the console still learns who is logged in.
 */
@Component
class AgentProfileClient {

    private static final Logger log = LoggerFactory.getLogger(AgentProfileClient.class);

    private final WebClient http;
    private final Duration timeout;

    AgentProfileClient(ProfileProperties properties) {
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(properties.responseTimeout());
        this.http = WebClient.builder().baseUrl(properties.agentServiceUrl().toString())
                .clientConnector(new ReactorClientHttpConnector(client)).build();
        this.timeout = properties.connectTimeout().plus(properties.responseTimeout());
    }

    /** What agent-service knows about the caller. */
    record Lookup(String status, JsonNode agent) {
        static final Lookup MISSING = new Lookup("missing", null);
        static final Lookup UNAVAILABLE = new Lookup("unavailable", null);
    }

    Mono<Lookup> me(String accessToken) {
        return http.get().uri("/api/agents/me").headers(h -> h.setBearerAuth(accessToken))
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(JsonNode.class).map(agent -> new Lookup("found", agent));
                    }
                    if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
                        return response.releaseBody().thenReturn(Lookup.MISSING);
                    }
                    log.warn("agent-service answered {} for /api/agents/me", response.statusCode().value());
                    return response.releaseBody().thenReturn(Lookup.UNAVAILABLE);
                })
                .timeout(timeout)
                .onErrorResume(e -> {
                    log.warn("agent-service not available for /api/auth/me: {}", e.toString());
                    return Mono.just(Lookup.UNAVAILABLE);
                });
    }
}
