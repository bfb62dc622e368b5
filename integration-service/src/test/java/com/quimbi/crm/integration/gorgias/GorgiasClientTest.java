package com.quimbi.crm.integration.gorgias;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

/**
 * GorgiasClient against WireMock answering like Gorgias's REST API: the account's call bucket (from
 * X-Gorgias-Account-Api-Call-Limit) is honoured before calling, a 429 blocks the account for its Retry-after, other
 * 4xx are refusals (never retried), and an unreachable Gorgias opens the breaker. The clock is the test's.
 */
class GorgiasClientTest {

    static final WireMockServer GORGIAS = new WireMockServer(wireMockConfig().dynamicPort());
    static final GorgiasCredentials ACME = new GorgiasCredentials("acme", "ops@acme.example", "key-123");

    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    GorgiasClient client;

    @BeforeAll
    static void start() {
        GORGIAS.start();
    }

    @AfterAll
    static void stop() {
        GORGIAS.stop();
    }

    @BeforeEach
    void setUp() {
        GORGIAS.resetAll();
        client = client(GORGIAS.baseUrl());
    }

    GorgiasClient client(String baseUrl) {
        Map<String, String> settings = new HashMap<>();
        settings.put("crm.integration.gorgias.base-url", baseUrl);
        settings.put("crm.integration.gorgias.retry-wait", "5ms");
        settings.put("crm.integration.gorgias.retry-attempts", "2");
        GorgiasProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("crm.integration.gorgias", GorgiasProperties.class);
        return new GorgiasClient(RestClient.builder(), properties, clock);
    }

    int calls() {
        return GORGIAS.getAllServeEvents().size();
    }

    @Test
    void aFullBucketIsWaitedForWithoutCallingAndDrainsWithTime() {
        GORGIAS.stubFor(get(urlEqualTo("/api/account")).willReturn(okJson("{\"domain\":\"acme\"}")
                .withHeader(GorgiasClient.LIMIT_HEADER, "40/40")));
        assertThat(client.waitFor("acme", 5)).isZero(); // nothing known yet
        assertThat(client.account(ACME).path("domain").asString()).isEqualTo("acme");
        assertThat(GORGIAS.getAllServeEvents().getFirst().getRequest().getHeader("Authorization"))
                .isEqualTo("Basic b3BzQGFjbWUuZXhhbXBsZTprZXktMTIz");

        // 40 of 40 used: the next call is refused here, Gorgias never sees it; 2 calls a second drain the bucket
        assertThatThrownBy(() -> client.account(ACME)).isInstanceOf(GorgiasThrottledException.class)
                .satisfies(e -> assertThat(((GorgiasThrottledException) e).retryAfter()).isEqualTo(Duration.ofMillis(500)));
        assertThat(calls()).isEqualTo(1);
        assertThat(client.waitFor("acme", 10)).isEqualTo(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertThat(client.waitFor("acme", 10)).isZero();
        assertThat(client.account(ACME).path("domain").asString()).isEqualTo("acme");
        // another account has a bucket of its own
        assertThat(client.waitFor("other", 40)).isZero();
    }

    @Test
    void a429BlocksTheAccountForItsRetryAfter() {
        GORGIAS.stubFor(get(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-after", "7")));
        assertThatThrownBy(() -> client.tickets(ACME, null, 30)).isInstanceOf(GorgiasThrottledException.class)
                .satisfies(e -> assertThat(((GorgiasThrottledException) e).retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(calls()).isEqualTo(1); // a throttle is neither retried nor a breaker failure
        clock.advance(Duration.ofSeconds(2));
        assertThat(client.waitFor("acme", 1)).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.ticket(ACME, 12)).isInstanceOf(GorgiasThrottledException.class)
                .satisfies(e -> assertThat(((GorgiasThrottledException) e).retryAfter()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void retryAfterIsClampedAndDefaultsToOneSecond() {
        HttpHeaders headers = new HttpHeaders();
        assertThat(GorgiasClient.retryAfter(null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(GorgiasClient.retryAfter(headers)).isEqualTo(Duration.ofSeconds(1));
        headers.set("Retry-after", "soon");
        assertThat(GorgiasClient.retryAfter(headers)).isEqualTo(Duration.ofSeconds(1));
        headers.set("Retry-after", "86400");
        assertThat(GorgiasClient.retryAfter(headers)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refusalsAreNotRetriedAndAnUnreadableLimitHeaderIsIgnored() {
        GORGIAS.stubFor(get(urlEqualTo("/api/tickets/404")).willReturn(aResponse().withStatus(404)
                .withHeader(GorgiasClient.LIMIT_HEADER, "lots")));
        GORGIAS.stubFor(put(urlEqualTo("/api/tickets/5")).willReturn(aResponse().withStatus(403)));
        GORGIAS.stubFor(post(urlEqualTo("/api/tickets")).willReturn(aResponse().withStatus(422)));

        assertThatThrownBy(() -> client.ticket(ACME, 404)).isInstanceOf(GorgiasCredentialsRejectedException.class)
                .hasMessage("Gorgias refused GET /tickets/404 (HTTP 404)")
                .satisfies(e -> assertThat(((GorgiasCredentialsRejectedException) e).status()).isEqualTo(404));
        assertThatThrownBy(() -> client.updateTicket(ACME, 5, Map.of("status", "closed")))
                .isInstanceOf(GorgiasCredentialsRejectedException.class).hasMessageContaining("credentials of acme");
        assertThatThrownBy(() -> client.createTicket(ACME, Map.of("subject", "x")))
                .isInstanceOf(GorgiasCredentialsRejectedException.class).hasMessageContaining("POST /tickets");
        assertThat(calls()).isEqualTo(3);
        assertThat(client.waitFor("acme", 40)).isZero();
    }

    @Test
    void idempotentCallsAreRetriedThrough5xxPostsNever() {
        GORGIAS.stubFor(put(urlEqualTo("/api/tickets/9")).inScenario("flaky").whenScenarioStateIs("Started")
                .willSetStateTo("up").willReturn(aResponse().withStatus(503)));
        GORGIAS.stubFor(put(urlEqualTo("/api/tickets/9")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson("{\"id\":9,\"status\":\"closed\"}")));
        GORGIAS.stubFor(post(urlEqualTo("/api/tickets/9/messages")).willReturn(aResponse().withStatus(502)));

        assertThat(client.updateTicket(ACME, 9, Map.of("status", "closed")).path("status").asString()).isEqualTo("closed");
        assertThat(calls()).isEqualTo(2);
        assertThatThrownBy(() -> client.createMessage(ACME, 9, Map.of("body_text", "hi")))
                .isInstanceOf(GorgiasUnavailableException.class).hasMessage("Gorgias answered HTTP 502");
        assertThat(calls()).isEqualTo(3);
    }

    @Test
    void anUnreachableGorgiasOpensTheBreaker() {
        GORGIAS.stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        // the breaker wraps the retries: five failed calls (of up to two tries each) open it
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> client.account(ACME)).isInstanceOf(GorgiasUnavailableException.class)
                    .hasMessage("Gorgias not reachable");
        }
        GORGIAS.resetRequests();
        assertThatThrownBy(() -> client.messages(ACME, 1)).isInstanceOf(GorgiasUnavailableException.class)
                .hasMessage("Gorgias circuit open");
        assertThat(calls()).isZero();
    }

    @Test
    void messagesFollowTheCursorToTheLastPage() {
        GORGIAS.stubFor(get(urlPathEqualTo("/api/tickets/7/messages")).atPriority(10).willReturn(okJson("""
                {"data":[{"id":1},{"id":2}],"meta":{"next_cursor":"c2"}}""")));
        GORGIAS.stubFor(get(urlPathEqualTo("/api/tickets/7/messages")).atPriority(1)
                .withQueryParam("cursor", equalTo("c2")).withQueryParam("limit", equalTo("100")).willReturn(okJson("""
                {"data":[{"id":3}],"meta":{"next_cursor":null}}""")));
        assertThat(client.messages(ACME, 7)).extracting(m -> m.path("id").asInt()).containsExactly(1, 2, 3);
        assertThat(client.ticketUrl("acme", 7)).isEqualTo(GORGIAS.baseUrl() + "/app/ticket/7");
        assertThat(client(null).ticketUrl("acme", 7)).isEqualTo("https://acme.gorgias.com/app/ticket/7");
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
