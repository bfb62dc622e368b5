package com.quimbi.crm.gateway.webhook;

import java.util.Locale;
import java.util.Optional;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.quimbi.crm.gateway.config.CrmGatewayProperties;
import com.quimbi.crm.gateway.problem.Problems;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Before anything else (even Spring Security) for webhook requests: a token bucket per partner source
 * (one for all of Shopify, whatever shop or IP a request claims, so forged headers cannot buy more), then the
 * body limit: a declared length over the limit, or a body that grows past it, is a 413 problem and nothing
 * reaches the service. Within the limit the body is buffered (at most the limit) and forwarded unchanged:
 * signatures are over the raw bytes.
 */
public class WebhookIngressFilter implements WebFilter, Ordered {

    /** Before Spring Security's WebFilterChainProxy (-100): an oversized or flooding request costs nothing more. */
    public static final int ORDER = -150;
    /** The limiter's route id for webhook buckets (its replenish/burst are configured apart from the API's). */
    public static final String LIMITER_ID = "webhooks";

    private final RateLimiter<?> rateLimiter;
    private final Problems problems;
    private final CrmGatewayProperties.Webhooks settings;

    public WebhookIngressFilter(RateLimiter<?> rateLimiter, Problems problems, CrmGatewayProperties.Webhooks settings) {
        this.rateLimiter = rateLimiter;
        this.problems = problems;
        this.settings = settings;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String source = WebhookPaths.source(exchange.getRequest());
        if (source == null) {
            return chain.filter(exchange);
        }
        Mono<Boolean> allowed = settings.rateLimitEnabled()
                ? rateLimiter.isAllowed(LIMITER_ID, "webhook:" + source.toLowerCase(Locale.ROOT))
                        .map(RateLimiter.Response::isAllowed)
                : Mono.just(true);
        return allowed.flatMap(ok -> {
            if (!ok) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
                return problems.write(exchange, Problems.of(HttpStatus.TOO_MANY_REQUESTS,
                        "Too many webhook deliveries from " + source + ". Retry after 1 s."));
            }
            return limitBody(exchange, chain);
        });
    }

    private Mono<Void> limitBody(ServerWebExchange exchange, WebFilterChain chain) {
        int max = Math.toIntExact(settings.maxBodyBytes().toBytes());
        if (exchange.getRequest().getHeaders().getContentLength() > max) {
            return tooLarge(exchange, max);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), max)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .onErrorResume(DataBufferLimitException.class, e -> tooLarge(exchange, max).then(Mono.empty()))
                .flatMap(body -> chain.filter(exchange.mutate().request(withBody(exchange.getRequest(), body)).build()));
    }

    private static ServerHttpRequest withBody(ServerHttpRequest request, Optional<DataBuffer> body) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return body.map(Flux::just).orElseGet(Flux::empty);
            }
        };
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange, int max) {
        exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
        return problems.write(exchange, Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                "The webhook body exceeds " + max + " bytes."));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
