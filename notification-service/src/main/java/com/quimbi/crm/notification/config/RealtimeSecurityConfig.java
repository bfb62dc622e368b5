package com.quimbi.crm.notification.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * The WebSocket handshake carries no bearer token (browsers cannot set one): it is authenticated by its
 * single-use connection ticket and its Origin in connection/HandshakeChecks, so the resource-server chain does
 * not look at {@code GET /ws/agent}. Everything else keeps the platform's chain (token + roles).
 */
@Configuration(proxyBeanMethods = false)
class RealtimeSecurityConfig {

    @Bean
    WebSecurityCustomizer webSocketHandshakeWithoutToken() {
        return web -> web.ignoring().requestMatchers(HttpMethod.GET, "/ws/agent", "/ws/agent/*");
    }
}
