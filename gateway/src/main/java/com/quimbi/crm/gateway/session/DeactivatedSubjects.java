package com.quimbi.crm.gateway.session;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Subjects ({@code sub}, the Keycloak user id) of deactivated agents. Deactivation disables the user and ends
 * their Keycloak sessions, but access tokens already issued are validated locally and would stay usable until
 * they expire; the gateway rejects every token of a subject listed here. Like the session deny-list it fails
 * open when Redis cannot be asked.
 */
@Component
public class DeactivatedSubjects {

    private static final Logger log = LoggerFactory.getLogger(DeactivatedSubjects.class);

    private final ReactiveStringRedisTemplate redis;
    private final String keyPrefix;

    public DeactivatedSubjects(ReactiveStringRedisTemplate redis, DeactivationProperties properties) {
        this.redis = redis;
        this.keyPrefix = properties.keyPrefix();
    }

    public Mono<Void> deny(String subject, Duration ttl) {
        return redis.opsForValue().set(keyPrefix + subject, "1", ttl)
                .doOnSuccess(ok -> log.info("Tokens of deactivated user {} denied for {}", subject, ttl))
                .then();
    }

    public Mono<Boolean> isDenied(String subject) {
        if (subject == null || subject.isBlank()) {
            return Mono.just(false);
        }
        return redis.hasKey(keyPrefix + subject)
                .defaultIfEmpty(false)
                .onErrorResume(e -> {
                    log.warn("Deactivation deny-list not reachable, accepting token of {}: {}", subject, e.toString());
                    return Mono.just(false);
                });
    }

    /** Lifts the denial (tests, or an agent reactivated by hand in Keycloak). */
    public Mono<Boolean> allow(String subject) {
        return redis.delete(keyPrefix + subject).map(count -> count > 0);
    }
}
