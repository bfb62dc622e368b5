package com.quimbi.crm.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

class UserOrClientIpKeyResolverTest {

    private final UserOrClientIpKeyResolver resolver = new UserOrClientIpKeyResolver();

    @Test
    void authenticatedCallsAreKeyedByJwtSubject() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("7f1c-user")
                .claim("preferred_username", "alex.agent").issuedAt(Instant.now()).build();
        ServerWebExchange exchange = anonymous("10.1.2.3").mutate()
                .principal(Mono.just(new JwtAuthenticationToken(jwt, List.of()))).build();

        assertThat(resolver.resolve(exchange).block()).isEqualTo("user:7f1c-user");
    }

    @Test
    void anonymousCallsAreKeyedByClientIp() {
        assertThat(resolver.resolve(anonymous("192.168.7.9")).block()).isEqualTo("ip:192.168.7.9");
        assertThat(resolver.resolve(anonymous("::1")).block()).isEqualTo("ip:0:0:0:0:0:0:0:1");
    }

    @Test
    void otherPrincipalsFallBackToClientIp() {
        ServerWebExchange exchange = anonymous("10.0.0.5").mutate()
                .principal(Mono.just(new UsernamePasswordAuthenticationToken("basic", "x"))).build();

        assertThat(resolver.resolve(exchange).block()).isEqualTo("ip:10.0.0.5");
    }

    @Test
    void noRemoteAddressStillGivesAKey() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/auth/login"));

        assertThat(resolver.resolve(exchange).block()).isEqualTo("ip:unknown");
    }

    private static MockServerWebExchange anonymous(String ip) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/auth/login")
                .remoteAddress(new InetSocketAddress(ip, 53211)));
    }
}
