package com.quimbi.crm.notification.collision;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.quimbi.crm.notification.config.RealtimeProperties;
import com.quimbi.crm.notification.directory.AgentDirectory;
import com.quimbi.crm.notification.fanout.FrameBus;

/**
 * Collision detection: who has a ticket open ({@code viewing}) and who is typing a reply ({@code replying}),
 * per socket, in one Redis hash per ticket ({@code <agent>|<session>} → {@code <viewUntil>|<replyUntil>}).
 * Every change is pushed as a {@code viewers} frame to everyone viewing the ticket. A watch lives as long as
 * its socket renews it (heartbeat) and is removed on unwatch and disconnect; a reply mark expires on its own;
 * {@link #sweep()} turns expiries into frames.
 */
@Component
public class Viewers {

    public static final String FRAME = "viewers";
    private static final String VIEWED = "crm:rt:viewed";

    private final StringRedisTemplate redis;
    private final FrameBus frames;
    private final AgentDirectory agents;
    private final Clock clock;
    private final RealtimeProperties.Collision settings;

    Viewers(StringRedisTemplate redis, FrameBus frames, AgentDirectory agents, Clock clock, RealtimeProperties properties) {
        this.redis = redis;
        this.frames = frames;
        this.agents = agents;
        this.clock = clock;
        this.settings = properties.collision();
    }

    static String key(UUID ticketId) {
        return "crm:rt:viewers:{" + ticketId + "}";
    }

    public void watch(UUID ticketId, String agentId, String sessionId) {
        long now = clock.millis();
        String field = agentId + "|" + sessionId;
        Object previous = redis.opsForHash().get(key(ticketId), field);
        long replyUntil = previous == null ? 0 : Long.parseLong(previous.toString().split("\\|")[1]);
        redis.opsForHash().put(key(ticketId), field, (now + settings.viewingTtl().toMillis()) + "|" + replyUntil);
        redis.opsForSet().add(VIEWED, ticketId.toString());
        if (previous == null) {
            push(ticketId);
        }
    }

    public void replying(UUID ticketId, String agentId, String sessionId) {
        long now = clock.millis();
        String field = agentId + "|" + sessionId;
        Object previous = redis.opsForHash().get(key(ticketId), field);
        boolean wasReplying = previous != null && Long.parseLong(previous.toString().split("\\|")[1]) > now;
        redis.opsForHash().put(key(ticketId), field,
                (now + settings.viewingTtl().toMillis()) + "|" + (now + settings.replyingTtl().toMillis()));
        redis.opsForSet().add(VIEWED, ticketId.toString());
        if (!wasReplying) {
            push(ticketId);
        }
    }

    public void unwatch(UUID ticketId, String agentId, String sessionId) {
        Long removed = redis.opsForHash().delete(key(ticketId), agentId + "|" + sessionId);
        if (removed != null && removed > 0) {
            push(ticketId);
        }
    }

    /** Keeps a socket's watches alive (called with its heartbeat). */
    public void renew(Set<UUID> ticketIds, String agentId, String sessionId) {
        long until = clock.millis() + settings.viewingTtl().toMillis();
        for (UUID ticketId : ticketIds) {
            String field = agentId + "|" + sessionId;
            Object previous = redis.opsForHash().get(key(ticketId), field);
            String replyUntil = previous == null ? "0" : previous.toString().split("\\|")[1];
            redis.opsForHash().put(key(ticketId), field, until + "|" + replyUntil);
        }
    }

    /** Agents with the ticket open (any socket). */
    public Set<String> watchers(UUID ticketId) {
        return current(ticketId).keySet();
    }

    /** Agent → {@code viewing} or {@code replying}, expired entries left out. */
    Map<String, String> current(UUID ticketId) {
        long now = clock.millis();
        Map<String, String> modes = new TreeMap<>();
        redis.opsForHash().entries(key(ticketId)).forEach((field, value) -> {
            String[] times = value.toString().split("\\|");
            if (Long.parseLong(times[0]) <= now) {
                return;
            }
            String agent = field.toString().substring(0, field.toString().indexOf('|'));
            String mode = Long.parseLong(times[1]) > now ? "replying" : "viewing";
            modes.merge(agent, mode, (a, b) -> a.equals("replying") || b.equals("replying") ? "replying" : "viewing");
        });
        return modes;
    }

    /** Sends the ticket's viewers to everyone viewing it. */
    void push(UUID ticketId) {
        Map<String, String> modes = current(ticketId);
        List<Map<String, Object>> list = new ArrayList<>();
        modes.forEach((agent, mode) -> {
            Map<String, Object> viewer = new LinkedHashMap<>();
            viewer.put("agentId", agent);
            agents.find(agent).ifPresent(a -> viewer.put("name", a.name()));
            viewer.put("mode", mode);
            list.add(viewer);
        });
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ticketId", ticketId.toString());
        fields.put("viewers", list);
        frames.send(modes.keySet(), FRAME, fields);
        if (modes.isEmpty()) {
            redis.opsForSet().remove(VIEWED, ticketId.toString());
        }
    }

    /** Drops expired watches and reply marks of every viewed ticket; pushes what changed. */
    public void sweep() {
        long now = clock.millis();
        Set<String> viewed = redis.opsForSet().members(VIEWED);
        if (viewed == null) {
            return;
        }
        for (String id : viewed) {
            UUID ticketId = UUID.fromString(id);
            boolean changed = false;
            for (Map.Entry<Object, Object> entry : redis.opsForHash().entries(key(ticketId)).entrySet()) {
                String[] times = entry.getValue().toString().split("\\|");
                long replyUntil = Long.parseLong(times[1]);
                if (Long.parseLong(times[0]) <= now) {
                    redis.opsForHash().delete(key(ticketId), entry.getKey());
                    changed = true;
                } else if (replyUntil != 0 && replyUntil <= now) {
                    redis.opsForHash().put(key(ticketId), entry.getKey(), times[0] + "|0");
                    changed = true;
                }
            }
            if (changed) {
                push(ticketId);
            } else if (redis.opsForHash().size(key(ticketId)) == 0) {
                redis.opsForSet().remove(VIEWED, id);
            }
        }
    }
}
