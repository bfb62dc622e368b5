package com.quimbi.crm.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import tools.jackson.databind.json.JsonMapper;

class ProblemsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void writesRfc9457MembersInOrderWithExtensions() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/auth/login"));

        new Problems(json).write(exchange, Problems.validation("The request has invalid fields.",
                List.of(new Problems.FieldError("username", "must not be blank")))).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(exchange.getResponse().getHeaders().getFirst("Content-Type")).isEqualTo("application/problem+json");
        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo(
                "{\"type\":\"https://supportcrm.dev/problems/validation\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"The request has invalid fields.\",\"instance\":\"/api/auth/login\","
                        + "\"errors\":[{\"field\":\"username\",\"message\":\"must not be blank\"}]}");
    }

    @Test
    void statusProblemsUseTheReasonPhraseAsTitle() {
        assertThat(Problems.toMap(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "slow down")))
                .containsEntry("type", "about:blank")
                .containsEntry("title", "Too Many Requests")
                .containsEntry("status", 429)
                .containsEntry("detail", "slow down")
                .doesNotContainKey("instance");
    }
}
