package com.quimbi.crm.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import com.quimbi.crm.platform.observability.ReactiveRequestIds;

import reactor.core.publisher.Mono;

class RequestIdWebFilterTest {

    private final RequestIdWebFilter filter = new RequestIdWebFilter();

    @Test
    void keepsAWellFormedIncomingIdAndForwardsIt() {
        MockServerWebExchange exchange = exchange("req-42.abc:1");
        ServerWebExchange forwarded = run(exchange);

        assertThat(forwarded.getRequest().getHeaders().getFirst("X-Request-Id")).isEqualTo("req-42.abc:1");
        assertThat(forwarded.<String>getAttribute(RequestIdWebFilter.ATTRIBUTE)).isEqualTo("req-42.abc:1");
        assertThat(exchange.getResponse().getHeaders().getFirst("X-Request-Id")).isEqualTo("req-42.abc:1");
    }

    @Test
    void generatesAUuidWhenMissing() {
        MockServerWebExchange exchange = exchange(null);
        ServerWebExchange forwarded = run(exchange);

        String id = forwarded.getRequest().getHeaders().getFirst("X-Request-Id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(exchange.getResponse().getHeaders().getFirst("X-Request-Id")).isEqualTo(id);
    }

    @Test
    void replacesMalformedIds() {
        for (String bad : new String[] { "", " ", "a b", "<script>", "x".repeat(129), "-leading-dash", "ä" }) {
            MockServerWebExchange exchange = exchange(bad);
            ServerWebExchange forwarded = run(exchange);
            String id = forwarded.getRequest().getHeaders().getFirst("X-Request-Id");
            assertThat(id).as("replacement for '%s'", bad).isNotEqualTo(bad);
            assertThat(UUID.fromString(id)).isNotNull();
        }
    }

    @Test
    void keepsExactlyOneResponseValueWhenDownstreamAddsItsOwn() {
        MockServerWebExchange exchange = exchange("abc");
        filter.filter(exchange, e -> {
            e.getResponse().getHeaders().add("X-Request-Id", "downstream-copy");
            return e.getResponse().setComplete();
        }).block();

        assertThat(exchange.getResponse().getHeaders().get("X-Request-Id")).containsExactly("abc");
    }

    @Test
    void theRequestIdIsInTheReactorContextOfTheRestOfTheChain() {
        AtomicReference<String> inContext = new AtomicReference<>();
        filter.filter(exchange("req-9"), e -> Mono.deferContextual(context -> {
            inContext.set(ReactiveRequestIds.of(context));
            return Mono.empty();
        })).block();

        assertThat(inContext.get()).isEqualTo("req-9");
    }

    @Test
    void wellFormedRules() {
        assertThat(RequestIdWebFilter.isWellFormed(UUID.randomUUID().toString())).isTrue();
        assertThat(RequestIdWebFilter.isWellFormed("01HZX3K7Q8")).isTrue();
        assertThat(RequestIdWebFilter.isWellFormed("x".repeat(128))).isTrue();
        assertThat(RequestIdWebFilter.isWellFormed("x".repeat(129))).isFalse();
        assertThat(RequestIdWebFilter.isWellFormed("a\r\nInjected: 1")).isFalse();
        assertThat(RequestIdWebFilter.isWellFormed(null)).isFalse();
    }

    private ServerWebExchange run(MockServerWebExchange exchange) {
        AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
        filter.filter(exchange, e -> {
            seen.set(e);
            return Mono.empty();
        }).block();
        return seen.get();
    }

    private static MockServerWebExchange exchange(String requestId) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/tickets");
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return MockServerWebExchange.from(request);
    }
}
