package com.quimbi.crm.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.quimbi.crm.gateway.config.CrmGatewayProperties;
import com.quimbi.crm.gateway.problem.Problems;
import com.quimbi.crm.gateway.webhook.WebhookPaths;

import reactor.core.publisher.Mono;

/**
 * Applies the gateway's {@link RateLimiter} (Spring Cloud Gateway's {@code RedisRateLimiter}, the token
 * bucket behind the {@code RequestRateLimiter} filter) to every {@code /api/**} request: the routed ones
 * and the gateway's own {@code /api/auth/**} endpoints, which are not routes and so would escape a route
 * filter. Runs after Spring Security, so the key is the authenticated user when there is one.
 *
 * <p>A limited request gets 429 with {@code Retry-After} (seconds until a token is back) and a problem body;
 * every answer carries the limiter's {@code X-RateLimit-*} headers.
 */
public class RateLimitWebFilter implements WebFilter, Ordered {

    /** The bucket id: one bucket per key across all of /api. */
    public static final String LIMITER_ID = "api";
    /** After Spring Security's WebFilterChainProxy (-100). */
    public static final int ORDER = -50;

    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

    private final RateLimiter<?> rateLimiter;
    private final KeyResolver keyResolver;
    private final Problems problems;
    private final long retryAfterSeconds;
    private final Duration timeout;
    private final AtomicLong failedOpen = new AtomicLong();

    public RateLimitWebFilter(RateLimiter<?> rateLimiter, KeyResolver keyResolver, Problems problems,
            CrmGatewayProperties.RateLimit settings) {
        this.rateLimiter = rateLimiter;
        this.keyResolver = keyResolver;
        this.problems = problems;
        this.retryAfterSeconds = retryAfterSeconds(settings.replenishRate(), settings.requestedTokens());
        this.timeout = settings.timeout();
    }

    /** Requests let through because the limiter (Redis) did not answer within the timeout or failed. */
    public long failedOpen() {
        return failedOpen.get();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // webhook aliases under /api have their own per-source bucket (WebhookIngressFilter)
        if (!API.matches(exchange.getRequest().getPath().pathWithinApplication())
                || WebhookPaths.isWebhook(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        return keyResolver.resolve(exchange)
                .defaultIfEmpty("ip:unknown")
                .flatMap(key -> rateLimiter.isAllowed(LIMITER_ID, key)
                        // fail open within milliseconds: a slow Redis must not become a slow gateway
                        .timeout(timeout)
                        .onErrorResume(e -> {
                            failedOpen.incrementAndGet();
                            return Mono.just(new RateLimiter.Response(true, Map.of()));
                        }))
                .flatMap(response -> {
                    ServerHttpResponse httpResponse = exchange.getResponse();
                    addHeaders(httpResponse.getHeaders(), response.getHeaders());
                    if (response.isAllowed()) {
                        return chain.filter(exchange);
                    }
                    httpResponse.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
                    ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests. Retry after " + retryAfterSeconds + " s.");
                    return problems.write(exchange, problem);
                });
    }

    private static void addHeaders(HttpHeaders target, Map<String, String> limiterHeaders) {
        limiterHeaders.forEach(target::set);
    }

    /** Seconds until the bucket holds enough tokens for one more request, at least 1. */
    static long retryAfterSeconds(int replenishRate, int requestedTokens) {
        if (replenishRate <= 0) {
            return 1;
        }
        return Math.max(1, (requestedTokens + replenishRate - 1) / replenishRate);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
