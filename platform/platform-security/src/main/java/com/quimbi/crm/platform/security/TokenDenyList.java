package com.quimbi.crm.platform.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Tokens the gateway has revoked before they expire: those of a logged-out session ({@code sid}) and of a
 * deactivated agent ({@code sub}). The gateway writes one Redis key per session or subject; every service asks
 * the same keys, so a token that the gateway rejects is rejected on a service's own port too.
 *
 * <p>Verdicts, denied or not, are cached for {@code cacheTtl}: a request costs no Redis round trip in the
 * common case, and a logout reaches a service within that time. A miss asks Redis once for both keys.
 *
 * <p>Redis down: fail open. The gateway is the first line (and also fails open), access tokens live five
 * minutes, and a Redis outage must not lock every agent out of every service. Each failure is logged as a
 * WARN and counted ({@code crm.security.deny_list.unavailable}); Redis is then left alone for
 * {@code cacheTtl} so an outage does not add a timeout to every request.
 */
public class TokenDenyList {

    /** The gateway's {@code crm.gateway.deny-list.key-prefix}. */
    public static final String SESSION_KEY_PREFIX = "crm:gateway:denied-sid:";
    /** The gateway's {@code crm.gateway.deactivations.key-prefix}. */
    public static final String SUBJECT_KEY_PREFIX = "crm:gateway:denied-sub:";

    public static final String SESSION_ENDED = "The session of this token has been logged out";
    public static final String USER_DEACTIVATED = "The user of this token has been deactivated";

    private static final Logger log = LoggerFactory.getLogger(TokenDenyList.class);

    /** Which of the given keys exist; throws when the store cannot be asked. */
    @FunctionalInterface
    public interface Store {
        Set<String> existing(List<String> keys);
    }

    private final Store store;
    private final DenyListProperties properties;
    private final Cache<String, Boolean> verdicts;
    private final Ticker ticker;
    private final Runnable onUnavailable;
    private final AtomicLong storeUnavailableUntil = new AtomicLong(Long.MIN_VALUE);

    public TokenDenyList(Store store, DenyListProperties properties, Ticker ticker, Runnable onUnavailable) {
        this.store = store;
        this.properties = properties;
        this.ticker = ticker;
        this.onUnavailable = onUnavailable;
        this.verdicts = Caffeine.newBuilder()
                .expireAfterWrite(properties.cacheTtl())
                .maximumSize(properties.cacheSize())
                .ticker(ticker)
                .build();
    }

    /** Why {@code jwt} must be rejected, or empty when it may be used. */
    public Optional<String> rejection(Jwt jwt) {
        return rejection(jwt.getClaimAsString("sid"), jwt.getSubject());
    }

    Optional<String> rejection(String sid, String sub) {
        Map<String, String> reasons = new LinkedHashMap<>();
        if (sid != null && !sid.isBlank()) {
            reasons.put(properties.sessionKeyPrefix() + sid, SESSION_ENDED);
        }
        if (sub != null && !sub.isBlank()) {
            reasons.put(properties.subjectKeyPrefix() + sub, USER_DEACTIVATED);
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Boolean> denied = lookUp(reasons.keySet());
        return reasons.entrySet().stream()
                .filter(e -> Boolean.TRUE.equals(denied.get(e.getKey())))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private Map<String, Boolean> lookUp(Set<String> keys) {
        Map<String, Boolean> cached = verdicts.getAllPresent(keys);
        if (cached.size() == keys.size() || ticker.read() < storeUnavailableUntil.get()) {
            return cached;
        }
        List<String> missing = new ArrayList<>(keys);
        missing.removeAll(cached.keySet());
        try {
            Set<String> existing = store.existing(missing);
            Map<String, Boolean> all = new LinkedHashMap<>(cached);
            missing.forEach(key -> all.put(key, existing.contains(key)));
            verdicts.putAll(all);
            return all;
        } catch (RuntimeException e) {
            storeUnavailableUntil.set(ticker.read() + properties.cacheTtl().toNanos());
            onUnavailable.run();
            log.warn("Token deny-list not reachable, accepting tokens unchecked for {}: {}",
                    properties.cacheTtl(), e.toString());
            return cached;
        }
    }

    /** A store over Redis: one {@code MGET} for all keys asked. */
    static Store redis(Function<List<String>, List<String>> multiGet) {
        return keys -> {
            List<String> values = multiGet.apply(keys);
            if (values == null) {
                throw new IllegalStateException("Redis answered no values (pipeline or transaction?)");
            }
            Set<String> existing = new HashSet<>();
            for (int i = 0; i < keys.size(); i++) {
                if (values.get(i) != null) {
                    existing.add(keys.get(i));
                }
            }
            return existing;
        };
    }
}
