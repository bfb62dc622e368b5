package com.quimbi.crm.automation.peers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import tools.jackson.databind.json.JsonMapper;

/**
 * The service account's token from the token endpoint (a WireMock stand-in for Keycloak's): cached until 30 s
 * before it expires, and a refused secret or an unreachable Keycloak is an outage to retry, never with the secret.
 */
class ServiceAccountTest {

    static final WireMockServer KEYCLOAK = new WireMockServer(wireMockConfig().dynamicPort());
    static final String TOKEN_PATH = "/realms/crm/protocol/openid-connect/token";

    static {
        KEYCLOAK.start();
    }

    @AfterAll
    static void stop() {
        KEYCLOAK.stop();
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    MovableClock clock = new MovableClock();

    ServiceAccount account(String tokenUrl) {
        return new ServiceAccount(new PeersProperties(null, null, Duration.ofSeconds(5), Duration.ofSeconds(5),
                tokenUrl, "crm-automation-service", "s3cret-value"), RestClient.builder(), JsonMapper.builder().build(),
                clock);
    }

    @BeforeEach
    void reset() {
        KEYCLOAK.resetAll();
    }

    @Test
    void aTokenIsAskedForOnceAndReusedUntilThirtySecondsBeforeItExpires() {
        KEYCLOAK.stubFor(post(urlEqualTo(TOKEN_PATH))
                .willReturn(okJson("{\"access_token\":\"first\",\"expires_in\":300}")));
        ServiceAccount account = account(KEYCLOAK.baseUrl() + TOKEN_PATH);

        assertThat(account.token()).isEqualTo("first");
        clock.now = clock.now.plusSeconds(269);
        assertThat(account.token()).isEqualTo("first");
        KEYCLOAK.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=crm-automation-service"))
                .withRequestBody(containing("client_secret=s3cret-value")));

        KEYCLOAK.stubFor(post(urlEqualTo(TOKEN_PATH))
                .willReturn(okJson("{\"access_token\":\"second\",\"expires_in\":300}")));
        clock.now = clock.now.plusSeconds(1);
        assertThat(account.token()).isEqualTo("second");
        KEYCLOAK.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void aTokenWithoutExpiryIsKeptForThirtySeconds() {
        KEYCLOAK.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"access_token\":\"short\"}")));
        ServiceAccount account = account(KEYCLOAK.baseUrl() + TOKEN_PATH);

        account.token();
        clock.now = clock.now.plusSeconds(29);
        account.token();
        KEYCLOAK.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        clock.now = clock.now.plusSeconds(1);
        account.token();
        KEYCLOAK.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void aRefusedSecretIsAnOutageThatNamesTheStatusButNotTheSecret() {
        KEYCLOAK.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"unauthorized_client\"}")));

        assertThatThrownBy(() -> account(KEYCLOAK.baseUrl() + TOKEN_PATH).token())
                .isInstanceOfSatisfying(PeerException.class, e -> {
                    assertThat(e.service()).isEqualTo("keycloak");
                    assertThat(e.unavailable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("client credentials refused (401)")
                            .doesNotContain("s3cret-value");
                });
    }

    @Test
    void anUnreachableKeycloakIsAnOutage() throws Exception {
        KEYCLOAK.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        assertThatThrownBy(() -> account(KEYCLOAK.baseUrl() + TOKEN_PATH).token())
                .isInstanceOfSatisfying(PeerException.class, e -> {
                    assertThat(e.service()).isEqualTo("keycloak");
                    assertThat(e.status()).isZero();
                });
        assertThatThrownBy(() -> account("http://127.0.0.1:" + TicketDeskTest.closedPort() + TOKEN_PATH).token())
                .isInstanceOfSatisfying(PeerException.class, e -> assertThat(e.status()).isZero());
    }
}
