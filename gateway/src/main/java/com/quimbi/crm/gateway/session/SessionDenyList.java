package com.quimbi.crm.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import com.quimbi.crm.gateway.config.CrmGatewayProperties;

import reactor.core.publisher.Mono;

/**
 * Keycloak session ids ({@code sid}) that were logged out through the gateway. Access tokens are validated
 * locally, so after a logout they would stay usable until they expire; the gateway therefore rejects every
 * token whose {@code sid} is listed here. An entry expires when no access token of that session can be valid
 * any more.
 *
 * <p>Redis errors fail open (logged): a Redis outage must not lock every user out of the CRM.
 */
@Component
public class SessionDenyList {

    private static final Logger log = LoggerFactory.getLogger(SessionDenyList.class);

    private final ReactiveStringRedisTemplate redis;
    private final String keyPrefix;
    private final Duration fallbackTtl;
    private final Clock clock;

    public SessionDenyList(ReactiveStringRedisTemplate redis, CrmGatewayProperties properties, Clock clock) {
        this.redis = redis;
        this.keyPrefix = properties.denyList().keyPrefix();
        this.fallbackTtl = properties.denyList().fallbackTtl();
        this.clock = clock;
    }

    /** Denies the session for {@code ttl}; completes when Redis has stored it. */
    public Mono<Void> deny(String sid, Duration ttl) {
        return redis.opsForValue().set(key(sid), "1", ttl)
                .doOnSuccess(ok -> log.info("Session {} denied for {}", sid, ttl))
                .then();
    }

    /** Whether the session was logged out; {@code false} if Redis cannot be asked. */
    public Mono<Boolean> isDenied(String sid) {
        if (sid == null || sid.isBlank()) {
            return Mono.just(false);
        }
        return redis.hasKey(key(sid))
                .defaultIfEmpty(false)
                .onErrorResume(e -> {
                    log.warn("Session deny-list not reachable, accepting token of session {}: {}", sid, e.toString());
                    return Mono.just(false);
                });
    }

    /**
     * How long the session of {@code accessToken} must stay denied: long enough for every access token of
     * that session to have expired. Any token of the session was issued at the latest now, so it expires at
     * the latest {@code now + lifespan}, where lifespan = {@code exp - iat}; never less than what is left of
     * this token itself, never less than a second.
     */
    public Duration ttlFor(Jwt accessToken) {
        return ttlFor(accessToken.getIssuedAt(), accessToken.getExpiresAt(), clock.instant(), fallbackTtl);
    }

    static Duration ttlFor(Instant issuedAt, Instant expiresAt, Instant now, Duration fallback) {
        if (expiresAt == null) {
            return fallback;
        }
        Duration remaining = Duration.between(now, expiresAt);
        Duration lifespan = issuedAt == null ? Duration.ZERO : Duration.between(issuedAt, expiresAt);
        Duration ttl = remaining.compareTo(lifespan) > 0 ? remaining : lifespan;
        return ttl.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : ttl;
    }

    String key(String sid) {
        return keyPrefix + sid;
    }
}
