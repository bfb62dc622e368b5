package com.quimbi.crm.notification.connection;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import com.quimbi.crm.notification.fanout.FrameBus;

/**
 * One agent socket on this instance: which agent (from the connection ticket, never from the client), until
 * when its access token holds, when the client was last heard, the last frame number it was sent, and the
 * tickets it watches. Frames are sent under the session's lock, in number order, each at most once.
 */
final class AgentSession {

    private static final Logger log = LoggerFactory.getLogger(AgentSession.class);
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    final String agentId;
    final WebSocketSession socket;
    final Set<UUID> watching = ConcurrentHashMap.newKeySet();
    volatile Instant tokenExpiresAt;
    volatile long lastHeard;
    private long lastSent;
    private boolean started;

    AgentSession(String agentId, WebSocketSession socket, Instant tokenExpiresAt, long now) {
        this.agentId = agentId;
        this.socket = socket;
        this.tokenExpiresAt = tokenExpiresAt;
        this.lastHeard = now;
    }

    String id() {
        return socket.getId();
    }

    /**
     * Starts numbering: replays the frames after {@code since} (or tells the client to resync when they are gone),
     * or, for a fresh connection, starts after the agent's current number.
     */
    synchronized void start(FrameBus bus, Long since) {
        started = true;
        long current = bus.currentSeq(agentId);
        List<FrameBus.NumberedFrame> missed = since == null ? List.of() : bus.after(agentId, since);
        send(control("welcome", "\"agentId\":\"" + agentId + "\",\"sessionId\":\"" + id() + "\",\"seq\":" + current
                + ",\"resumed\":" + (since != null && missed != null)));
        if (since == null) {
            lastSent = current;
            return;
        }
        if (missed == null) {
            resync(current);
            return;
        }
        lastSent = since;
        missed.forEach(this::sendNumbered);
    }

    /** A published frame for this agent: sent once, in order; a gap is filled from the stream first. */
    synchronized void offer(FrameBus bus, FrameBus.NumberedFrame frame) {
        if (!started || frame.seq() <= lastSent) {
            return; // before start: the number read at start covers it (PUBLISH comes after INCR)
        }
        if (frame.seq() > lastSent + 1) {
            List<FrameBus.NumberedFrame> gap = bus.after(agentId, lastSent);
            if (gap == null) {
                resync(bus.currentSeq(agentId));
                return;
            }
            gap.stream().filter(f -> f.seq() < frame.seq()).forEach(this::sendNumbered);
        }
        sendNumbered(frame);
    }

    /** Ends the socket for good: the client is told why and must not reconnect with the same login. */
    synchronized void end(String reason) {
        send(control("session_ended", java.util.Map.of("reason", reason)));
        close(CloseStatus.POLICY_VIOLATION.withReason(reason));
    }

    private void resync(long current) {
        send(control("resync", "\"seq\":" + current));
        lastSent = current;
    }

    private void sendNumbered(FrameBus.NumberedFrame frame) {
        if (frame.seq() > lastSent) {
            send(frame.wire());
            lastSent = frame.seq();
        }
    }

    static String control(String type, String fields) {
        return "{\"v\":1,\"type\":\"" + type + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    /** A control frame with string fields, JSON-escaped. */
    static String control(String type, java.util.Map<String, String> fields) {
        java.util.Map<String, Object> frame = new java.util.LinkedHashMap<>();
        frame.put("v", 1);
        frame.put("type", type);
        fields.forEach((k, v) -> {
            if (v != null) {
                frame.put(k, v);
            }
        });
        return JSON.writeValueAsString(frame);
    }

    void send(String text) {
        if (!socket.isOpen()) {
            return;
        }
        try {
            socket.sendMessage(new TextMessage(text));
        } catch (IOException | IllegalStateException e) {
            log.debug("send to {} failed: {}", id(), e.toString());
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void ping() {
        try {
            socket.sendMessage(new PingMessage());
        } catch (IOException | IllegalStateException e) {
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void close(CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException | IllegalStateException e) {
            log.debug("close of {} failed: {}", id(), e.toString());
        }
    }
}
