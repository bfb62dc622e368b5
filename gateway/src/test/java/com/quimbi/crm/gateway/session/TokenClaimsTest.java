package com.quimbi.crm.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class TokenClaimsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsTheSidOfAJwtPayload() {
        String token = jwt("{\"typ\":\"Refresh\",\"sid\":\"3c1e-session\",\"exp\":1767268800}");

        assertThat(TokenClaims.unverifiedSid(token, json)).contains("3c1e-session");
    }

    @Test
    void emptyForTokensWithoutSidOrNotJwts() {
        assertThat(TokenClaims.unverifiedSid(jwt("{\"sub\":\"u\"}"), json)).isEmpty();
        assertThat(TokenClaims.unverifiedSid(jwt("{\"sid\":42}"), json)).isEmpty();
        assertThat(TokenClaims.unverifiedSid("opaque-token", json)).isEmpty();
        assertThat(TokenClaims.unverifiedSid("a.%%%.c", json)).isEmpty();
        assertThat(TokenClaims.unverifiedSid("a." + b64("not json") + ".c", json)).isEmpty();
        assertThat(TokenClaims.unverifiedSid(null, json)).isEmpty();
    }

    private static String jwt(String payload) {
        return b64("{\"alg\":\"HS512\"}") + "." + b64(payload) + ".c2ln";
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
