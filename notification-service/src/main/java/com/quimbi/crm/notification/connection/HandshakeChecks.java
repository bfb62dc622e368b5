package com.quimbi.crm.notification.connection;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import com.quimbi.crm.notification.config.RealtimeProperties;

/**
 * What a handshake must show before it becomes a socket, checked here and not left to the framework (Spring
 * Framework before 7.0.11 does not check the Origin of a directly registered handler, CVE-2026-59390):
 * an {@code Origin} on the allowlist (cross-site WebSocket hijacking; none → refused too), else 403; a
 * connection ticket redeemed once, else 401; and on {@code /ws/agent/{id}} the ticket's own agent id, else 403.
 * Refusals are RFC 9457 problems.
 */
final class HandshakeChecks implements HandshakeInterceptor {

    static final String AGENT = "crm.agent";
    static final String TOKEN_EXPIRES_AT = "crm.tokenExpiresAt";
    static final String SINCE = "crm.since";

    private static final Logger log = LoggerFactory.getLogger(HandshakeChecks.class);

    private final RealtimeProperties properties;
    private final ConnectionTickets tickets;

    HandshakeChecks(RealtimeProperties properties, ConnectionTickets tickets) {
        this.properties = properties;
        this.tickets = tickets;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
        if (origin == null || !properties.origins().contains(origin)) {
            log.warn("WebSocket handshake refused: origin {} not allowed", origin);
            return refuse(response, HttpStatus.FORBIDDEN, "Origin not allowed",
                    "The handshake's Origin is not on the allowlist.");
        }
        var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        Optional<ConnectionTickets.Redeemed> redeemed = tickets.redeem(query.getFirst("ticket"));
        if (redeemed.isEmpty()) {
            return refuse(response, HttpStatus.UNAUTHORIZED, "Connection ticket required",
                    "A valid, unused connection ticket from POST /api/realtime/tickets is required (single use, 30 s).");
        }
        String agentId = redeemed.get().agentId();
        List<String> segments = UriComponentsBuilder.fromUri(request.getURI()).build().getPathSegments();
        if (segments.size() == 3 && !segments.get(2).equals(agentId)) {
            log.warn("WebSocket handshake refused: agent {} asked for the socket of {}", agentId, segments.get(2));
            return refuse(response, HttpStatus.FORBIDDEN, "Not your socket",
                    "The agent id in the path must be the caller's own.");
        }
        String since = query.getFirst("since");
        if (since != null) {
            try {
                long value = Long.parseLong(since);
                if (value < 0) {
                    throw new NumberFormatException();
                }
                attributes.put(SINCE, value);
            } catch (NumberFormatException e) {
                return refuse(response, HttpStatus.BAD_REQUEST, "Invalid since",
                        "since must be the last sequence number received (a non-negative integer).");
            }
        }
        attributes.put(AGENT, agentId);
        attributes.put(TOKEN_EXPIRES_AT, redeemed.get().tokenExpiresAt());
        return true;
    }

    private static boolean refuse(ServerHttpResponse response, HttpStatus status, String title, String detail) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.getBody().write(body.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            log.debug("problem body not written: {}", e.toString());
        }
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }
}
