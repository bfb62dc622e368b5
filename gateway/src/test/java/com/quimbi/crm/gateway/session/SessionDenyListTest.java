package com.quimbi.crm.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ReactiveValueOperations;
import org.springframework.security.oauth2.jwt.Jwt;

import com.quimbi.crm.gateway.config.CrmGatewayProperties;

import reactor.core.publisher.Mono;

class SessionDenyListTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration FALLBACK = Duration.ofMinutes(15);

    private final ReactiveStringRedisTemplate redis = mock(ReactiveStringRedisTemplate.class);
    private final SessionDenyList denyList = new SessionDenyList(redis, properties(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void ttlCoversEveryAccessTokenOfTheSession() {
        // a 300 s token issued 60 s ago: a newer token of the same session may live up to 300 s from now
        assertThat(SessionDenyList.ttlFor(NOW.minusSeconds(60), NOW.plusSeconds(240), NOW, FALLBACK))
                .isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void ttlIsAtLeastWhatIsLeftOfTheTokenItself() {
        assertThat(SessionDenyList.ttlFor(null, NOW.plusSeconds(240), NOW, FALLBACK)).isEqualTo(Duration.ofSeconds(240));
        assertThat(SessionDenyList.ttlFor(NOW.plusSeconds(10), NOW.plusSeconds(20), NOW, FALLBACK))
                .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void ttlIsAtLeastOneSecondAndFallsBackWithoutExpiry() {
        assertThat(SessionDenyList.ttlFor(NOW, NOW, NOW, FALLBACK)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SessionDenyList.ttlFor(NOW, null, NOW, FALLBACK)).isEqualTo(FALLBACK);
    }

    @Test
    void ttlForAJwtUsesItsClaims() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").claim("sid", "s1")
                .issuedAt(NOW.minusSeconds(100)).expiresAt(NOW.plusSeconds(200)).build();

        assertThat(denyList.ttlFor(jwt)).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    @SuppressWarnings("unchecked")
    void denyStoresTheSidWithItsTtl() {
        ReactiveValueOperations<String, String> values = mock(ReactiveValueOperations.class);
        when(redis.opsForValue()).thenReturn(values);
        when(values.set("crm:gateway:denied-sid:s1", "1", Duration.ofSeconds(300))).thenReturn(Mono.just(true));

        denyList.deny("s1", Duration.ofSeconds(300)).block();

        verify(values).set("crm:gateway:denied-sid:s1", "1", Duration.ofSeconds(300));
    }

    @Test
    void deniedWhenTheKeyExists() {
        when(redis.hasKey("crm:gateway:denied-sid:s1")).thenReturn(Mono.just(true));
        when(redis.hasKey("crm:gateway:denied-sid:s2")).thenReturn(Mono.just(false));

        assertThat(denyList.isDenied("s1").block()).isTrue();
        assertThat(denyList.isDenied("s2").block()).isFalse();
    }

    @Test
    void tokensWithoutSidAreNeverDenied() {
        assertThat(denyList.isDenied(null).block()).isFalse();
        assertThat(denyList.isDenied(" ").block()).isFalse();
    }

    @Test
    void failsOpenWhenRedisIsDown() {
        when(redis.hasKey(anyString())).thenReturn(Mono.error(new RedisConnectionFailureException("down")));

        assertThat(denyList.isDenied("s1").block()).isFalse();
    }

    private static CrmGatewayProperties properties() {
        return new CrmGatewayProperties(null, null, null,
                new CrmGatewayProperties.DenyList("crm:gateway:denied-sid:", FALLBACK), null);
    }
}
