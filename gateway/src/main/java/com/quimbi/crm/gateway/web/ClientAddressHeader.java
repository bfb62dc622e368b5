package com.quimbi.crm.gateway.web;

import java.net.InetSocketAddress;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services who the client is: {@code X-Forwarded-For} on every proxied request holds exactly one address,
 * the one the gateway saw (the peer; behind a load balancer set {@code server.forward-headers-strategy=native} so it
 * is the client's). Spring Cloud Gateway itself sends none without {@code trusted-proxies}
 * (RemoveXForwardedHeadersFilter drops what the client sent); this runs after it, so a client cannot choose the
 * address the audit trail records (platform-audit reads the first hop).
 */
@Component
public class ClientAddressHeader implements HttpHeadersFilter, Ordered {

    public static final String HEADER = "X-Forwarded-For";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        String client = clientAddress(exchange);
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        if (client == null) {
            headers.remove(HEADER);
        } else {
            headers.set(HEADER, client);
        }
        return headers;
    }

    static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /** After Spring Cloud Gateway's own X-Forwarded filters (order 0), so this value is the one that goes out. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
