package com.quimbi.crm.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Rate-limit key: the JWT subject of an authenticated caller ({@code user:<sub>}), else the client IP
 * ({@code ip:<address>}) — so anonymous calls such as login are limited per client, which slows down
 * password guessing. Behind a reverse proxy set {@code server.forward-headers-strategy=native} so that the
 * remote address is the client's, not the proxy's.
 */
@Component
public class UserOrClientIpKeyResolver implements KeyResolver {

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .flatMap(principal -> Mono.justOrEmpty(subject(principal)))
                .map(subject -> "user:" + subject)
                .switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clientIp(exchange)));
    }

    static String subject(Principal principal) {
        if (principal instanceof JwtAuthenticationToken jwt) {
            String subject = jwt.getToken().getSubject();
            return subject != null && !subject.isBlank() ? subject : null;
        }
        return null;
    }

    static String clientIp(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
