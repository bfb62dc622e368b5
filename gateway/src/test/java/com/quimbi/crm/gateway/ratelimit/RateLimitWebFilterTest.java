package com.quimbi.crm.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import com.quimbi.crm.gateway.config.CrmGatewayProperties;
import com.quimbi.crm.gateway.problem.Problems;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RateLimitWebFilterTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final StubLimiter limiter = new StubLimiter();
    private final RateLimitWebFilter filter = new RateLimitWebFilter(limiter, new UserOrClientIpKeyResolver(),
            new Problems(json), new CrmGatewayProperties.RateLimit(true, 50, 100, 1, java.time.Duration.ofMillis(50)));

    @Test
    void allowedRequestsPassWithRateLimitHeaders() {
        limiter.allowed = true;
        MockServerWebExchange exchange = exchange("/api/tickets/1");
        AtomicBoolean passed = new AtomicBoolean();

        filter.filter(exchange, e -> Mono.fromRunnable(() -> passed.set(true))).block();

        assertThat(passed).isTrue();
        assertThat(limiter.keys).containsExactly("api|ip:10.9.8.7");
        assertThat(exchange.getResponse().getHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("7");
    }

    @Test
    void limitedRequestsGet429WithRetryAfterAndAProblem() {
        limiter.allowed = false;
        MockServerWebExchange exchange = exchange("/api/auth/login");
        AtomicBoolean passed = new AtomicBoolean();

        filter.filter(exchange, e -> Mono.fromRunnable(() -> passed.set(true))).block();

        assertThat(passed).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode body = json.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body.get("status").asInt()).isEqualTo(429);
        assertThat(body.get("title").asString()).isEqualTo("Too Many Requests");
        assertThat(body.get("instance").asString()).isEqualTo("/api/auth/login");
    }

    @Test
    void onlyApiPathsAreLimited() {
        limiter.allowed = false;
        MockServerWebExchange exchange = exchange("/actuator/health");
        AtomicBoolean passed = new AtomicBoolean();

        filter.filter(exchange, e -> Mono.fromRunnable(() -> passed.set(true))).block();

        assertThat(passed).isTrue();
        assertThat(limiter.keys).isEmpty();
    }

    @Test
    void retryAfterIsTheTimeToRefillOneRequest() {
        assertThat(RateLimitWebFilter.retryAfterSeconds(50, 1)).isEqualTo(1);
        assertThat(RateLimitWebFilter.retryAfterSeconds(1, 1)).isEqualTo(1);
        assertThat(RateLimitWebFilter.retryAfterSeconds(1, 3)).isEqualTo(3);
        assertThat(RateLimitWebFilter.retryAfterSeconds(2, 3)).isEqualTo(2);
    }

    private static MockServerWebExchange exchange(String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.get(path)
                .remoteAddress(new InetSocketAddress("10.9.8.7", 40000)));
    }

    @Test
    void aSlowOrFailingLimiterLetsTheRequestThroughWithinMilliseconds() {
        limiter.allowed = false;
        limiter.delay = java.time.Duration.ofSeconds(5); // Redis hanging
        AtomicBoolean passed = new AtomicBoolean();
        long started = System.nanoTime();

        filter.filter(exchange("/api/tickets"), e -> Mono.fromRunnable(() -> passed.set(true))).block();

        assertThat(passed).as("failed open").isTrue();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(2));
        assertThat(filter.failedOpen()).isEqualTo(1);

        limiter.delay = null;
        limiter.failure = new IllegalStateException("Redis command timed out");
        passed.set(false);
        filter.filter(exchange("/api/tickets"), e -> Mono.fromRunnable(() -> passed.set(true))).block();
        assertThat(passed).isTrue();
        assertThat(filter.failedOpen()).isEqualTo(2);
    }

    static final class StubLimiter implements RateLimiter<Object> {
        boolean allowed;
        java.time.Duration delay;
        RuntimeException failure;
        final List<String> keys = new ArrayList<>();

        @Override
        public Mono<Response> isAllowed(String routeId, String id) {
            keys.add(routeId + "|" + id);
            if (failure != null) {
                return Mono.error(failure);
            }
            Mono<Response> answer = Mono.just(new Response(allowed, Map.of("X-RateLimit-Remaining", allowed ? "7" : "0")));
            return delay == null ? answer : answer.delayElement(delay);
        }

        @Override
        public Map<String, Object> getConfig() {
            return Map.of();
        }

        @Override
        public Class<Object> getConfigClass() {
            return Object.class;
        }

        @Override
        public Object newConfig() {
            return new Object();
        }
    }

}
