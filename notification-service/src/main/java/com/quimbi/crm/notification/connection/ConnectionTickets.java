package com.quimbi.crm.notification.connection;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.quimbi.crm.notification.config.RealtimeProperties;

/**
 * Single-use connection tickets: browsers cannot put {@code Authorization} on a WebSocket handshake and a
 * long-lived token in a URL ends up in logs, so an authenticated {@code POST /api/realtime/tickets} trades the
 * access token for 256 random bits valid for 30 s, redeemed once (GETDEL) by the handshake. The ticket carries
 * the agent (the token's {@code sub}) and when the token behind it expires.
 */
@Component
class ConnectionTickets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "crm:rt:ticket:";

    private final StringRedisTemplate redis;
    private final RealtimeProperties properties;

    ConnectionTickets(StringRedisTemplate redis, RealtimeProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    record Redeemed(String agentId, Instant tokenExpiresAt) {
    }

    String issue(String agentId, Instant tokenExpiresAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        redis.opsForValue().set(PREFIX + ticket, agentId + "|" + tokenExpiresAt.getEpochSecond(), properties.ticketTtl());
        return ticket;
    }

    /** The ticket's agent, once: a second redemption, an expired or unknown ticket → empty. */
    Optional<Redeemed> redeem(String ticket) {
        if (ticket == null || ticket.length() != 43 || !ticket.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        String value = redis.opsForValue().getAndDelete(PREFIX + ticket);
        if (value == null) {
            return Optional.empty();
        }
        int bar = value.indexOf('|');
        return Optional.of(new Redeemed(value.substring(0, bar), Instant.ofEpochSecond(Long.parseLong(value.substring(bar + 1)))));
    }
}
