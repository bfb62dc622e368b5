package com.quimbi.crm.gateway.websocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.quimbi.crm.gateway.problem.Problems;

import reactor.core.publisher.Mono;

/**
 * Cross-site WebSocket hijacking: a request to {@code /ws/**} (a handshake, or anything else on that path) must
 * carry an {@code Origin} on {@code crm.gateway.websocket.allowed-origins}, else 403 before it reaches the
 * routing. Spring Cloud Gateway 5.0.0–5.0.4 forwards handshakes without checking the Origin (CVE-2026-59428,
 * fixed in 5.0.5, which is not available here), so this filter runs ahead of everything else, the WebSocket
 * routing filter included. notification-service checks the Origin again.
 */
@Component
class WebSocketOriginFilter implements WebFilter, Ordered {

    /** Before the webhook filter (-150) and Spring Security (-100); the gateway's route filters run after all WebFilters. */
    static final int ORDER = -160;
    private static final Logger log = LoggerFactory.getLogger(WebSocketOriginFilter.class);
    private static final PathPattern WS = PathPatternParser.defaultInstance.parse("/ws/**");

    private final WebSocketProperties properties;
    private final Problems problems;

    WebSocketOriginFilter(WebSocketProperties properties, Problems problems) {
        this.properties = properties;
        this.problems = problems;
    }

    static boolean isWebSocketPath(ServerWebExchange exchange) {
        return WS.matches(exchange.getRequest().getPath().pathWithinApplication());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isWebSocketPath(exchange)) {
            return chain.filter(exchange);
        }
        String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
        if (origin != null && properties.origins().contains(origin)) {
            return chain.filter(exchange);
        }
        log.warn("WebSocket request refused at the gateway: origin {} not allowed", origin);
        return problems.write(exchange, Problems.of(HttpStatus.FORBIDDEN,
                "The WebSocket handshake's Origin is not on the allowlist."));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
