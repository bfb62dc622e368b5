package com.quimbi.crm.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.server.ResponseStatusException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GatewayErrorHandlerTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final GatewayErrorHandler handler = new GatewayErrorHandler(new Problems(json));

    @Test
    void unreachableDownstreamIs503() {
        Exception refused = new IllegalStateException("routing failed",
                new ConnectException("Connection refused: localhost/127.0.0.1:8081"));

        JsonNode body = handle(refused, HttpStatus.SERVICE_UNAVAILABLE);

        assertThat(body.get("title").asString()).isEqualTo("Service Unavailable");
        assertThat(body.get("detail").asString()).contains("not reachable");
    }

    @Test
    void aServiceDyingMidRequestIs502AndUnreachableOnesCarryRetryAfter() {
        JsonNode reset = handle(new IllegalStateException("proxy failed",
                new java.io.IOException("readAddress(..) failed: Connection reset by peer")), HttpStatus.BAD_GATEWAY);
        assertThat(reset.get("detail").asString()).contains("closed the connection");

        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/tickets"));
        handler.handle(exchange, new IllegalStateException(new ConnectException("refused"))).block();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
    }

    @Test
    void unreachableKeyServerWhileValidatingATokenIs503() {
        Exception jwks = new AuthenticationServiceException("Could not obtain the keys",
                new IllegalStateException("Could not obtain the keys", new WebClientRequestException(
                        new ConnectException("refused"), org.springframework.http.HttpMethod.GET,
                        java.net.URI.create("http://localhost:18080/certs"), new org.springframework.http.HttpHeaders())));

        handle(jwks, HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void downstreamTimeoutIs504() {
        JsonNode body = handle(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer than 30s"),
                HttpStatus.GATEWAY_TIMEOUT);

        assertThat(body.get("detail").asString()).contains("did not answer in time");
    }

    @Test
    void frameworkStatusesKeepTheirStatus() {
        JsonNode body = handle(new ResponseStatusException(HttpStatus.NOT_FOUND), HttpStatus.NOT_FOUND);

        assertThat(body.get("title").asString()).isEqualTo("Not Found");
        assertThat(body.get("instance").asString()).isEqualTo("/api/nowhere");
    }

    @Test
    void anythingElseIsAnOpaque500() {
        JsonNode body = handle(new IllegalArgumentException("secret internals"), HttpStatus.INTERNAL_SERVER_ERROR);

        assertThat(body.get("detail").asString()).doesNotContain("secret internals");
    }

    private JsonNode handle(Throwable error, HttpStatus expected) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/nowhere"));
        handler.handle(exchange, error).block();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(expected);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode body = json.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body.get("status").asInt()).isEqualTo(expected.value());
        assertThat(body.get("type").asString()).isEqualTo("about:blank");
        return body;
    }
}
