package com.quimbi.crm.notification.connection;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.http.CacheControl;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.notification.config.RealtimeProperties;
import com.quimbi.crm.notification.directory.AgentDirectory;
import com.quimbi.crm.platform.security.Roles;

/** POST /api/realtime/tickets: a single-use, 30-second ticket for the caller's own WebSocket handshake. */
@RestController
class ConnectionTicketController {

    private final ConnectionTickets tickets;
    private final RealtimeProperties properties;
    private final AgentDirectory agents;

    ConnectionTicketController(ConnectionTickets tickets, RealtimeProperties properties, AgentDirectory agents) {
        this.tickets = tickets;
        this.properties = properties;
        this.agents = agents;
    }

    @PostMapping("/api/realtime/tickets")
    @PreAuthorize(Roles.IS_AGENT)
    ResponseEntity<Map<String, Object>> issue(@AuthenticationPrincipal Jwt jwt) {
        // an access token outlives its agent's deactivation by up to its lifetime: no new socket meanwhile
        if (agents.find(jwt.getSubject()).filter(a -> !a.active()).isPresent()) {
            throw new AuthorizationDeniedException("This agent has been deactivated.");
        }
        Instant expiresAt = jwt.getExpiresAt() == null ? Instant.now().plus(properties.ticketTtl()) : jwt.getExpiresAt();
        String ticket = tickets.issue(jwt.getSubject(), expiresAt);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ticket", ticket);
        body.put("expiresIn", properties.ticketTtl().toSeconds());
        body.put("url", "/ws/agent?ticket=" + ticket);
        return ResponseEntity.status(201).cacheControl(CacheControl.noStore()).body(body);
    }
}
