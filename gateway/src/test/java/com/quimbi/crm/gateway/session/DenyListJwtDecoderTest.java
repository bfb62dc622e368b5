package com.quimbi.crm.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

import reactor.core.publisher.Mono;

class DenyListJwtDecoderTest {

    private final SessionDenyList denyList = mock(SessionDenyList.class);

    @Test
    void rejectsTokensOfLoggedOutSessions() {
        DenyListJwtDecoder decoder = new DenyListJwtDecoder(token -> Mono.just(jwt("s-gone")), denyList);
        when(denyList.isDenied("s-gone")).thenReturn(Mono.just(true));

        assertThatThrownBy(() -> decoder.decode("token").block())
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("logged out");
    }

    @Test
    void acceptsTokensOfLiveSessions() {
        DenyListJwtDecoder decoder = new DenyListJwtDecoder(token -> Mono.just(jwt("s-live")), denyList);
        when(denyList.isDenied("s-live")).thenReturn(Mono.just(false));

        assertThat(decoder.decode("token").block().getClaimAsString("sid")).isEqualTo("s-live");
    }

    @Test
    void invalidTokensFailBeforeTheDenyListIsAsked() {
        DenyListJwtDecoder decoder = new DenyListJwtDecoder(
                token -> Mono.error(new BadJwtException("bad signature")), denyList);

        assertThatThrownBy(() -> decoder.decode("token").block()).hasMessage("bad signature");
    }

    @Test
    void unreachableSigningKeysAreNotTheTokensFault() {
        DenyListJwtDecoder decoder = new DenyListJwtDecoder(
                token -> Mono.error(new IllegalStateException("Could not obtain the keys")), denyList);

        assertThatThrownBy(() -> decoder.decode("token").block())
                .isExactlyInstanceOf(JwtException.class)
                .hasMessageContaining("signing keys unavailable");
    }

    private static Jwt jwt(String sid) {
        return Jwt.withTokenValue("token").header("alg", "RS256").claim("sid", sid).subject("u1")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).build();
    }
}
