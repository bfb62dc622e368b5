package com.quimbi.crm.notification.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.contracts.presence.PresenceConnected;
import com.quimbi.crm.contracts.presence.PresenceDisconnected;
import com.quimbi.crm.contracts.presence.PresenceIdle;
import com.quimbi.crm.notification.config.RealtimeProperties;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;

/**
 * Presence across devices and instances, in Redis: per agent a hash of live sockets (session → heartbeat
 * deadline, renewed by the instance holding the socket) and a state ({@code online}, {@code idle},
 * {@code offline}) with the last activity and the last moment a socket was seen. Transitions are Lua scripts,
 * so when several instances sweep at once exactly one of them sees a transition and writes its event to the
 * outbox: {@code presence.connected} for the first socket (or activity after idle), {@code presence.idle} after
 * the idle timeout without activity, {@code presence.disconnected} once no socket has been seen for the grace
 * period. A second tab, or a reconnect inside the grace period, changes nothing.
 */
@Component
public class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);
    static final String AGENTS = "crm:rt:presence-agents";

    /** KEYS: sessions, state; ARGV: session, deadline, now → previous state. */
    private static final RedisScript<String> CONNECT = RedisScript.of("""
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            local previous = redis.call('HGET', KEYS[2], 'state') or 'offline'
            redis.call('HSET', KEYS[2], 'state', 'online', 'activity', ARGV[3], 'seen', ARGV[3])
            return previous
            """, String.class);

    /** KEYS: state; ARGV: now → 'back' when it left idle. */
    private static final RedisScript<String> ACTIVITY = RedisScript.of("""
            local state = redis.call('HGET', KEYS[1], 'state')
            if not state or state == 'offline' then return '' end
            redis.call('HSET', KEYS[1], 'activity', ARGV[1])
            if state == 'idle' then
              redis.call('HSET', KEYS[1], 'state', 'online')
              return 'back'
            end
            return ''
            """, String.class);

    /** KEYS: sessions, state, agents set; ARGV: now, idle ms, grace ms, agent → transition or ''. */
    private static final RedisScript<String> SWEEP = RedisScript.of("""
            local now = tonumber(ARGV[1])
            local live = 0
            local all = redis.call('HGETALL', KEYS[1])
            for i = 1, #all, 2 do
              if tonumber(all[i + 1]) <= now then redis.call('HDEL', KEYS[1], all[i]) else live = live + 1 end
            end
            local state = redis.call('HGET', KEYS[2], 'state') or 'offline'
            if live > 0 then
              redis.call('HSET', KEYS[2], 'seen', ARGV[1])
              local activity = tonumber(redis.call('HGET', KEYS[2], 'activity') or ARGV[1])
              if state == 'online' and now - activity >= tonumber(ARGV[2]) then
                redis.call('HSET', KEYS[2], 'state', 'idle')
                return 'idle'
              end
              return ''
            end
            if state == 'offline' then
              redis.call('SREM', KEYS[3], ARGV[4])
              return ''
            end
            local seen = tonumber(redis.call('HGET', KEYS[2], 'seen') or ARGV[1])
            if now - seen >= tonumber(ARGV[3]) then
              redis.call('HSET', KEYS[2], 'state', 'offline')
              redis.call('SREM', KEYS[3], ARGV[4])
              return 'disconnected'
            end
            return ''
            """, String.class);

    private final StringRedisTemplate redis;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RealtimeProperties.Presence settings;

    Presence(StringRedisTemplate redis, OutboxWriter outbox, TransactionTemplate transactions, Clock clock,
            RealtimeProperties properties) {
        this.redis = redis;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = properties.presence();
    }

    static String sessionsKey(String agentId) {
        return "crm:rt:{" + agentId + "}:sessions";
    }

    static String stateKey(String agentId) {
        return "crm:rt:{" + agentId + "}:presence";
    }

    /** A socket of the agent opened. */
    public void connected(String agentId, String sessionId) {
        long now = clock.millis();
        String previous = redis.execute(CONNECT, List.of(sessionsKey(agentId), stateKey(agentId)), sessionId,
                String.valueOf(now + settings.sessionTtl().toMillis()), String.valueOf(now));
        redis.opsForSet().add(AGENTS, agentId);
        if (!"online".equals(previous)) {
            publish(agentId, sessionId, "connected");
        }
    }

    /** The socket's instance still holds it. */
    public void heartbeat(String agentId, String sessionId) {
        redis.opsForHash().put(sessionsKey(agentId), sessionId,
                String.valueOf(clock.millis() + settings.sessionTtl().toMillis()));
    }

    /** Input in the agent's console: not idle (back to online when it was). */
    public void activity(String agentId, String sessionId) {
        String result = redis.execute(ACTIVITY, List.of(stateKey(agentId)), String.valueOf(clock.millis()));
        if ("back".equals(result)) {
            publish(agentId, sessionId, "connected");
        }
    }

    /** The socket closed; whether the agent is gone is the sweep's decision, after the grace period. */
    public void closed(String agentId, String sessionId) {
        redis.opsForHash().delete(sessionsKey(agentId), sessionId);
    }

    /** Whether the agent has a live socket anywhere. */
    public boolean online(String agentId) {
        Object state = redis.opsForHash().get(stateKey(agentId), "state");
        return state != null && !"offline".equals(state);
    }

    /** Idle and disconnected transitions of every agent with a presence. */
    public void sweep() {
        Set<String> agents = redis.opsForSet().members(AGENTS);
        if (agents == null) {
            return;
        }
        long now = clock.millis();
        for (String agentId : agents) {
            String transition = redis.execute(SWEEP, List.of(sessionsKey(agentId), stateKey(agentId), AGENTS),
                    String.valueOf(now), String.valueOf(settings.idleTimeout().toMillis()),
                    String.valueOf(settings.disconnectGrace().toMillis()), agentId);
            if (transition != null && !transition.isEmpty()) {
                publish(agentId, null, transition);
            }
        }
    }

    private void publish(String agentId, String sessionId, String transition) {
        UUID agent;
        try {
            agent = UUID.fromString(agentId);
        } catch (IllegalArgumentException e) {
            log.warn("presence of {} not published: not a uuid", agentId);
            return;
        }
        Instant at = clock.instant();
        Object event = switch (transition) {
            case "connected" -> new PresenceConnected(agent, sessionId, at);
            case "idle" -> new PresenceIdle(agent, sessionId, at);
            case "disconnected" -> new PresenceDisconnected(agent, sessionId, at);
            default -> throw new IllegalArgumentException(transition);
        };
        transactions.executeWithoutResult(tx -> outbox.append(agentId, Actor.SYSTEM, event));
        log.info("presence {} of agent {}", transition, agentId);
    }
}
