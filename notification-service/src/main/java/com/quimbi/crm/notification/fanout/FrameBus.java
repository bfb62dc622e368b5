package com.quimbi.crm.notification.fanout;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.quimbi.crm.notification.config.RealtimeProperties;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sends frames to agents, wherever they are connected. One Lua script per agent and frame, atomically: the
 * agent's sequence number (INCR), the frame into the agent's bounded Redis Stream under that number (replay),
 * and a PUBLISH on the one fan-out channel every instance listens to, which hands it to the agent's sockets
 * on that instance. The stream is the durable copy: a socket that missed a published frame (a gap in the
 * numbers, or a reconnect) reads it back from the stream, or is told to {@code resync} when it is gone.
 */
@Component
public class FrameBus {

    /** The fan-out channel: {@code <agentId>\n<seq>\n<frame body JSON>}. */
    public static final String CHANNEL = "crm:rt:frames";

    /** Ends an agent's sockets on every instance (the agent was deactivated): {@code <agentId>\n<reason>}. */
    public static final String END_CHANNEL = "crm:rt:sessions-ended";

    private static final RedisScript<Long> SEND = RedisScript.of("""
            local seq = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[2], seq .. '-0', 'f', ARGV[1], 't', ARGV[5])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            redis.call('PUBLISH', ARGV[6], ARGV[7] .. '\\n' .. seq .. '\\n' .. ARGV[1])
            return seq
            """, Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Clock clock;
    private final RealtimeProperties properties;

    FrameBus(StringRedisTemplate redis, JsonMapper json, Clock clock, RealtimeProperties properties) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    static String seqKey(String agentId) {
        return "crm:rt:{" + agentId + "}:seq";
    }

    static String streamKey(String agentId) {
        return "crm:rt:{" + agentId + "}:frames";
    }

    /** A frame body: {@code {"type": ..., fields...}}, without version and sequence (added on the way out). */
    public String body(String type, Map<String, ?> fields) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        fields.forEach((k, v) -> {
            if (v != null) {
                frame.put(k, v);
            }
        });
        return json.writeValueAsString(frame);
    }

    /** Numbers, stores and publishes one frame for each agent; returns the numbers given. */
    public List<Long> send(Collection<String> agentIds, String type, Map<String, ?> fields) {
        String body = body(type, fields);
        List<Long> seqs = new ArrayList<>();
        for (String agentId : agentIds.stream().distinct().toList()) {
            seqs.add(send(agentId, body));
        }
        return seqs;
    }

    long send(String agentId, String body) {
        Duration age = properties.replayMaxAge();
        long seqTtl = age.plus(Duration.ofDays(1)).toMillis();
        Long seq = redis.execute(SEND, List.of(seqKey(agentId), streamKey(agentId)), body,
                String.valueOf(properties.replayMaxFrames()), String.valueOf(age.toMillis()), String.valueOf(seqTtl),
                String.valueOf(clock.millis()), CHANNEL, agentId);
        return seq == null ? 0 : seq;
    }

    /**
     * Ends every socket of the agent, on whichever instance holds it: a {@code session_ended} frame, then a
     * policy-violation close. Their access tokens may still be valid for minutes; the sockets must not be.
     */
    public void endSessions(String agentId, String reason) {
        redis.convertAndSend(END_CHANNEL, agentId + "\n" + reason);
    }

    /** The agent's latest sequence number (0 before the first frame). */
    public long currentSeq(String agentId) {
        String value = redis.opsForValue().get(seqKey(agentId));
        return value == null ? 0 : Long.parseLong(value);
    }

    /**
     * The frames after {@code since}, in order, as long as none of them is gone; empty when there are none;
     * {@code null} when the client must resync (trimmed by length or age, or the numbers started over).
     */
    public List<NumberedFrame> after(String agentId, long since) {
        long current = currentSeq(agentId);
        if (since > current) {
            return null;
        }
        if (since == current) {
            return List.of();
        }
        List<MapRecord<String, Object, Object>> records = redis.opsForStream().range(streamKey(agentId),
                Range.closed((since + 1) + "-0", current + "-0"), Limit.limit().count(properties.replayMaxFrames()));
        if (records == null || records.isEmpty()) {
            return null;
        }
        long oldestAllowed = clock.millis() - properties.replayMaxAge().toMillis();
        List<NumberedFrame> frames = new ArrayList<>(records.size());
        long expected = since + 1;
        for (MapRecord<String, Object, Object> record : records) {
            long seq = record.getId().getTimestamp();
            Object at = record.getValue().get("t");
            if (seq != expected || (at != null && Long.parseLong(at.toString()) < oldestAllowed)) {
                return null;
            }
            frames.add(new NumberedFrame(seq, String.valueOf(record.getValue().get("f"))));
            expected++;
        }
        return frames;
    }

    /** A frame body with its per-agent number. */
    public record NumberedFrame(long seq, String body) {

        /** The frame as it goes on the socket: {@code {"v":1,"seq":n,"type":...}}. */
        public String wire() {
            return "{\"v\":1,\"seq\":" + seq + "," + body.substring(1);
        }
    }
}
