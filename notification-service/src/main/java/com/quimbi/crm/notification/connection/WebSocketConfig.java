package com.quimbi.crm.notification.connection;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import com.quimbi.crm.notification.collision.Viewers;
import com.quimbi.crm.notification.config.RealtimeProperties;
import com.quimbi.crm.notification.fanout.FrameBus;
import com.quimbi.crm.notification.presence.Presence;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws/agent} and {@code /ws/agent/{id}} (the seed's path; the id must be the caller's own). Origins are
 * checked by {@link HandshakeChecks} against {@code crm.realtime.allowed-origins}; Spring's own origin check is
 * opened ("*") so that it does not answer first with a bare 403 and no problem body.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfig implements WebSocketConfigurer {

    private final AgentSocketHandler handler;
    private final HandshakeChecks checks;

    WebSocketConfig(Sessions sessions, FrameBus bus, Presence presence, Viewers viewers, JwtDecoder jwtDecoder,
            JsonMapper json, Clock clock, RealtimeProperties properties, ConnectionTickets tickets) {
        this.handler = new AgentSocketHandler(sessions, bus, presence, viewers, jwtDecoder, json, clock);
        this.checks = new HandshakeChecks(properties, tickets);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws/agent", "/ws/agent/*").addInterceptors(checks).setAllowedOrigins("*");
    }

    @Bean
    AgentSocketHandler agentSocketHandler() {
        return handler;
    }
}
