package com.quimbi.crm.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenDenyListTest {

    private static final DenyListProperties PROPERTIES = new DenyListProperties(true, TokenDenyList.SESSION_KEY_PREFIX,
            TokenDenyList.SUBJECT_KEY_PREFIX, Duration.ofSeconds(5), 1000);

    private final Set<String> redis = new HashSet<>();
    private final List<List<String>> asked = new ArrayList<>();
    private boolean redisDown;
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final TokenDenyList denyList = new TokenDenyList(keys -> {
        asked.add(List.copyOf(keys));
        if (redisDown) {
            throw new IllegalStateException("connection refused");
        }
        Set<String> existing = new HashSet<>(keys);
        existing.retainAll(redis);
        return existing;
    }, PROPERTIES, nanos::get, unavailable::incrementAndGet);

    @Test
    void aTokenOfALoggedOutSessionIsRejected() {
        redis.add("crm:gateway:denied-sid:s-1");

        assertThat(denyList.rejection("s-1", "u-1")).contains(TokenDenyList.SESSION_ENDED);
        assertThat(denyList.rejection("s-2", "u-1")).isEmpty();
    }

    @Test
    void aTokenOfADeactivatedUserIsRejectedWhateverItsSession() {
        redis.add("crm:gateway:denied-sub:u-1");

        assertThat(denyList.rejection("s-1", "u-1")).contains(TokenDenyList.USER_DEACTIVATED);
        assertThat(denyList.rejection(null, "u-1")).contains(TokenDenyList.USER_DEACTIVATED);
        assertThat(denyList.rejection("s-1", "u-2")).isEmpty();
    }

    @Test
    void bothClaimsAreAskedInOneRoundTripAndTheVerdictIsCached() {
        denyList.rejection("s-1", "u-1");
        denyList.rejection("s-1", "u-1");
        denyList.rejection("s-1", "u-1");

        assertThat(asked).containsExactly(List.of("crm:gateway:denied-sid:s-1", "crm:gateway:denied-sub:u-1"));
    }

    @Test
    void onlyTheClaimNotCachedYetIsAsked() {
        denyList.rejection("s-1", "u-1");
        denyList.rejection("s-2", "u-1");

        assertThat(asked.getLast()).containsExactly("crm:gateway:denied-sid:s-2");
    }

    @Test
    void aLogoutReachesTheServiceOnceTheCachedVerdictExpires() {
        assertThat(denyList.rejection("s-1", "u-1")).isEmpty();
        redis.add("crm:gateway:denied-sid:s-1");

        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(denyList.rejection("s-1", "u-1")).as("negative verdict still cached").isEmpty();
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(denyList.rejection("s-1", "u-1")).contains(TokenDenyList.SESSION_ENDED);
    }

    @Test
    void aDeniedVerdictIsCachedToo() {
        redis.add("crm:gateway:denied-sub:u-1");
        denyList.rejection("s-1", "u-1");
        redis.clear();

        assertThat(denyList.rejection("s-1", "u-1")).contains(TokenDenyList.USER_DEACTIVATED);
        assertThat(asked).hasSize(1);
    }

    @Test
    void aTokenWithoutSessionOrSubjectCostsNoLookup() {
        assertThat(denyList.rejection(null, " ")).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void whenRedisIsDownTokensAreAcceptedCountedAndRedisIsLeftAloneForTheCacheTtl() {
        redis.add("crm:gateway:denied-sid:s-1");
        redisDown = true;

        assertThat(denyList.rejection("s-1", "u-1")).isEmpty();
        assertThat(denyList.rejection("s-2", "u-2")).isEmpty();
        assertThat(asked).hasSize(1);
        assertThat(unavailable).hasValue(1);

        redisDown = false;
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(denyList.rejection("s-1", "u-1")).contains(TokenDenyList.SESSION_ENDED);
    }

    @Test
    void theRedisStoreMapsMgetValuesToTheKeysThatExist() {
        TokenDenyList.Store store = TokenDenyList.redis(keys -> java.util.Arrays.asList("1", null));

        assertThat(store.existing(List.of("a", "b"))).containsExactly("a");
    }
}
