package com.quimbi.crm.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ClientAddressHeaderTest {

    final ClientAddressHeader filter = new ClientAddressHeader();

    @Test
    void theServiceLearnsTheAddressTheGatewaySawNotWhatTheClientClaims() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/sla/policies")
                .remoteAddress(new InetSocketAddress("203.0.113.9", 51000))
                .header("X-Forwarded-For", "10.6.6.6"));
        HttpHeaders incoming = new HttpHeaders();
        incoming.add("X-Forwarded-For", "10.6.6.6");
        incoming.add("Authorization", "Bearer t");

        HttpHeaders out = filter.filter(incoming, exchange);

        assertThat(out.get("X-Forwarded-For")).containsExactly("203.0.113.9");
        assertThat(out.getFirst("Authorization")).isEqualTo("Bearer t");
    }

    @Test
    void runsAfterTheGatewaysOwnForwardedHeaderFilters() {
        assertThat(filter.getOrder()).isGreaterThan(0);
    }
}
