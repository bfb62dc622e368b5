package com.quimbi.crm.notification.connection;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import com.quimbi.crm.notification.collision.Viewers;
import com.quimbi.crm.notification.fanout.FrameBus;
import com.quimbi.crm.notification.presence.Presence;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent socket (protocol in notification-service/README.md and contracts' asyncapi.yaml): the agent comes
 * from the redeemed connection ticket; client frames are {@code ping}, {@code watch}/{@code unwatch},
 * {@code replying}, {@code activity}, {@code ack} and {@code auth} (a fresh access token). A frame that cannot be
 * understood gets an {@code error} frame; the socket stays open.
 */
class AgentSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(AgentSocketHandler.class);
    private static final int MAX_FRAME_CHARS = 16 * 1024;

    private final Sessions sessions;
    private final FrameBus bus;
    private final Presence presence;
    private final Viewers viewers;
    private final JwtDecoder jwtDecoder;
    private final JsonMapper json;
    private final Clock clock;

    AgentSocketHandler(Sessions sessions, FrameBus bus, Presence presence, Viewers viewers, JwtDecoder jwtDecoder,
            JsonMapper json, Clock clock) {
        this.sessions = sessions;
        this.bus = bus;
        this.presence = presence;
        this.viewers = viewers;
        this.jwtDecoder = jwtDecoder;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        String agentId = (String) socket.getAttributes().get(HandshakeChecks.AGENT);
        Instant tokenExpiresAt = (Instant) socket.getAttributes().get(HandshakeChecks.TOKEN_EXPIRES_AT);
        Long since = (Long) socket.getAttributes().get(HandshakeChecks.SINCE);
        socket.setTextMessageSizeLimit(MAX_FRAME_CHARS);
        AgentSession session = new AgentSession(agentId,
                new ConcurrentWebSocketSessionDecorator(socket, 10_000, 1024 * 1024), tokenExpiresAt, clock.millis());
        sessions.add(session);
        session.start(bus, since);
        presence.connected(agentId, socket.getId());
    }

    @Override
    protected void handlePongMessage(WebSocketSession socket, PongMessage message) {
        AgentSession session = sessions.get(socket.getId());
        if (session != null) {
            session.lastHeard = clock.millis();
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        AgentSession session = sessions.get(socket.getId());
        if (session == null) {
            return;
        }
        session.lastHeard = clock.millis();
        JsonNode frame;
        try {
            frame = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            error(session, "malformed_frame", "Not a JSON object.", null);
            return;
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isString()) {
            error(session, "malformed_frame", "A frame is a JSON object with a string \"type\".", null);
            return;
        }
        String type = frame.path("type").asString();
        switch (type) {
            case "ping" -> session.send(AgentSession.control("pong", ""));
            case "activity" -> presence.activity(session.agentId, session.id());
            case "ack" -> {
                if (!frame.path("seq").canConvertToLong()) {
                    error(session, "invalid_frame", "ack needs \"seq\", a number.", type);
                }
            }
            case "watch", "unwatch", "replying" -> onTicketFrame(session, type, frame);
            case "auth" -> onAuth(session, frame);
            default -> error(session, "unknown_type", "Unknown frame type; known: ping, watch, unwatch, replying, "
                    + "activity, ack, auth.", type);
        }
    }

    private void onTicketFrame(AgentSession session, String type, JsonNode frame) {
        UUID ticketId;
        try {
            ticketId = UUID.fromString(frame.path("ticketId").asString(""));
        } catch (IllegalArgumentException e) {
            error(session, "invalid_frame", type + " needs \"ticketId\", a uuid.", type);
            return;
        }
        presence.activity(session.agentId, session.id());
        switch (type) {
            case "watch" -> {
                if (session.watching.size() >= 50 && !session.watching.contains(ticketId)) {
                    error(session, "too_many_watches", "At most 50 tickets per socket.", type);
                    return;
                }
                session.watching.add(ticketId);
                viewers.watch(ticketId, session.agentId, session.id());
            }
            case "unwatch" -> {
                session.watching.remove(ticketId);
                viewers.unwatch(ticketId, session.agentId, session.id());
            }
            default -> {
                if (!session.watching.contains(ticketId)) {
                    error(session, "not_watching", "watch the ticket before replying to it.", type);
                    return;
                }
                viewers.replying(ticketId, session.agentId, session.id());
            }
        }
    }

    /** A fresh access token over the socket keeps it open past the first token's expiry; same agent only. */
    private void onAuth(AgentSession session, JsonNode frame) {
        String token = frame.path("token").asString("");
        try {
            Jwt jwt = jwtDecoder.decode(token);
            if (!session.agentId.equals(jwt.getSubject())) {
                error(session, "auth_rejected", "The token belongs to another agent.", "auth");
                return;
            }
            if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(session.tokenExpiresAt)) {
                session.tokenExpiresAt = jwt.getExpiresAt();
            }
            session.send(AgentSession.control("auth_ok", "\"expiresAt\":\"" + session.tokenExpiresAt + "\""));
        } catch (JwtException e) {
            error(session, "auth_rejected", "The token is not valid.", "auth");
        }
    }

    private static void error(AgentSession session, String code, String detail, String frameType) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("code", code);
        fields.put("detail", detail);
        fields.put("frame", frameType == null ? null : frameType.length() > 64 ? frameType.substring(0, 64) : frameType);
        session.send(AgentSession.control("error", fields));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        AgentSession session = sessions.remove(socket.getId());
        if (session == null) {
            return;
        }
        for (UUID ticketId : session.watching) {
            viewers.unwatch(ticketId, session.agentId, session.id());
        }
        presence.closed(session.agentId, session.id());
        log.debug("socket {} of {} closed: {}", socket.getId(), session.agentId, status);
    }

    @Override
    public void handleTransportError(WebSocketSession socket, Throwable exception) {
        log.debug("transport error on {}: {}", socket.getId(), exception.toString());
    }
}
