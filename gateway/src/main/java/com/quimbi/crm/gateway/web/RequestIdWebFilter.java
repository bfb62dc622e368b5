package com.quimbi.crm.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.quimbi.crm.platform.observability.ReactiveRequestIds;
import com.quimbi.crm.platform.observability.RequestIds;

import reactor.core.publisher.Mono;

/**
 * Gives every exchange a request id: a well-formed incoming {@code X-Request-Id} is kept, anything else
 * (missing, too long, odd characters) is replaced by a random UUID. The id is forwarded downstream and set
 * on every response, including the ones the gateway answers itself (401, 429, login, errors), and it is in the
 * MDC of the gateway's own log lines (Reactor context, {@link ReactiveRequestIds}). Runs first, before Spring
 * Security. The services do the same on their side (platform-observability).
 */
@Component
public class RequestIdWebFilter implements WebFilter, Ordered {

    public static final String HEADER = RequestIds.HEADER;
    /** Exchange attribute holding the request id. */
    public static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".requestId";
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = resolve(exchange.getRequest().getHeaders().getFirst(HEADER));
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, requestId)))
                .build();
        withId.getAttributes().put(ATTRIBUTE, requestId);
        ServerHttpResponse response = withId.getResponse();
        response.getHeaders().set(HEADER, requestId);
        // a proxied response adds the downstream's own X-Request-Id: keep exactly one value
        response.beforeCommit(() -> Mono.fromRunnable(() -> response.getHeaders().set(HEADER, requestId)));
        return chain.filter(withId).contextWrite(context -> ReactiveRequestIds.with(context, requestId));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The incoming id if it is well-formed, else a new UUID. */
    public static String resolve(String incoming) {
        return RequestIds.resolve(incoming);
    }

    public static boolean isWellFormed(String requestId) {
        return RequestIds.isWellFormed(requestId);
    }
}
