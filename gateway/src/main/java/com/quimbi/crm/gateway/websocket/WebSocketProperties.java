package com.quimbi.crm.gateway.websocket;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code crm.gateway.websocket.*}: the Origins a WebSocket handshake ({@code /ws/**}) may come from. */
@ConfigurationProperties("crm.gateway.websocket")
public record WebSocketProperties(@DefaultValue("http://localhost:5173") List<String> allowedOrigins) {

    public List<String> origins() {
        return allowedOrigins.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
