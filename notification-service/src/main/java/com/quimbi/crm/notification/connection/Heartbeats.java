package com.quimbi.crm.notification.connection;

import java.time.Clock;
import java.time.Duration;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import com.quimbi.crm.notification.collision.Viewers;
import com.quimbi.crm.notification.config.RealtimeProperties;
import com.quimbi.crm.notification.presence.Presence;

/**
 * The clocks of the sockets on this instance: a close (1008 policy violation) when the access token behind a
 * socket has expired and no fresh one came over it; a close (1001) after 60 s without a frame or pong; a ping
 * every 25 s; presence heartbeats and watch renewals; and the shared sweeps (presence transitions, collision
 * expiries), run by one instance at a time under a short Redis lock.
 */
@Component
class Heartbeats {

    static final CloseStatus TOKEN_EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("access token expired");
    static final CloseStatus SILENT = CloseStatus.GOING_AWAY.withReason("no frame or pong for too long");
    private static final String SWEEP_LOCK = "crm:rt:sweep-lock";

    private final Sessions sessions;
    private final Presence presence;
    private final Viewers viewers;
    private final StringRedisTemplate redis;
    private final Clock clock;
    private final RealtimeProperties properties;
    private long lastPing;
    private long lastHeartbeat;

    Heartbeats(Sessions sessions, Presence presence, Viewers viewers, StringRedisTemplate redis, Clock clock,
            RealtimeProperties properties) {
        this.sessions = sessions;
        this.presence = presence;
        this.viewers = viewers;
        this.redis = redis;
        this.clock = clock;
        this.properties = properties;
        this.lastPing = clock.millis();
        this.lastHeartbeat = clock.millis();
    }

    @Scheduled(fixedDelay = 500)
    void tick() {
        long now = clock.millis();
        boolean ping = now - lastPing >= properties.pingInterval().toMillis();
        boolean heartbeat = now - lastHeartbeat >= properties.presence().heartbeatInterval().toMillis();
        for (AgentSession session : sessions.all()) {
            if (!session.tokenExpiresAt.minus(properties.tokenExpiryMargin()).isAfter(clock.instant())) {
                session.close(TOKEN_EXPIRED);
            } else if (now - session.lastHeard >= properties.silenceTimeout().toMillis()) {
                session.close(SILENT);
            } else {
                if (ping) {
                    session.ping();
                }
                if (heartbeat) {
                    presence.heartbeat(session.agentId, session.id());
                    viewers.renew(session.watching, session.agentId, session.id());
                }
            }
        }
        if (ping) {
            lastPing = now;
        }
        if (heartbeat) {
            lastHeartbeat = now;
        }
    }

    @Scheduled(fixedDelayString = "${crm.realtime.presence.sweep-interval:2s}")
    void sweep() {
        Duration interval = properties.presence().sweepInterval();
        Boolean mine = redis.opsForValue().setIfAbsent(SWEEP_LOCK, "1", interval.multipliedBy(9).dividedBy(10));
        if (Boolean.TRUE.equals(mine)) {
            presence.sweep();
            viewers.sweep();
        }
    }
}
