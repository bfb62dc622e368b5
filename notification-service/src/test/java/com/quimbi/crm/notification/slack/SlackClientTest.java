package com.quimbi.crm.notification.slack;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.quimbi.crm.notification.config.AlertProperties;

/**
 * SlackClient against WireMock answering like Slack's Web API and an incoming webhook (payloads as Slack documents
 * them): each answer becomes what the delivery queue acts on (RateLimited with its wait, Unavailable to retry, Rejected
 * for good), users Slack does not know are empty, the channel list is cached, and the breaker opens when Slack is down.
 * The workspace (bot token and/or webhook URL) is set per test in place of the stored one.
 */
class SlackClientTest {

    static final WireMockServer SLACK = new WireMockServer(wireMockConfig().dynamicPort());

    Optional<SlackWorkspaces.Connection> workspace;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    SlackClient client;

    @BeforeAll
    static void start() {
        SLACK.start();
    }

    @AfterAll
    static void stop() {
        SLACK.stop();
    }

    @BeforeEach
    void setUp() {
        SLACK.resetAll();
        workspace = Optional.of(new SlackWorkspaces.Connection("xoxb-test-token-123456", null, "secret"));
        client = client("http://127.0.0.1:" + SLACK.port() + "/api");
    }

    SlackClient client(String methodsUrl) {
        Map<String, String> settings = new HashMap<>();
        settings.put("crm.alerts.slack.methods-url", methodsUrl);
        settings.put("crm.alerts.slack.read-timeout", "2s");
        settings.put("crm.alerts.slack.sliding-window-size", "4");
        AlertProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("crm.alerts", AlertProperties.class);
        SlackWorkspaces workspaces = new SlackWorkspaces(null, null, clock, null) {
            @Override
            public Optional<Connection> connection() {
                return workspace;
            }
        };
        return new SlackClient(properties, workspaces, clock, Optional.empty());
    }

    void webhookOnly() {
        workspace = Optional.of(new SlackWorkspaces.Connection(null, SLACK.baseUrl() + "/services/T0/B0/hook", null));
    }

    @Test
    void aMessageGoesOutWithTheBotTokenAndAnswersWhereItWent() {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(okJson("""
                {"ok":true,"channel":"C0ALERTS1","ts":"1765000000.000001"}""")));
        SlackClient.Posted posted = client.post("#support-alerts", "SLA breached on #1001", null, "1765000000.000000");
        assertThat(posted).isEqualTo(new SlackClient.Posted("C0ALERTS1", "1765000000.000001"));
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).getFirst().getHeader("Authorization"))
                .isEqualTo("Bearer xoxb-test-token-123456");
    }

    @Test
    void slacksAnswersBecomeWhatTheQueueActsOn() {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=%23busy"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=%23limited"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"ratelimited\"}")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=%23gone"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=%23odd"))
                .willReturn(okJson("{\"ok\":false}")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=%23bad"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error\":\"invalid_arguments\"}")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=%23down"))
                .willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client.post("#busy", "x", null, null)).isInstanceOf(SlackException.RateLimited.class)
                .satisfies(e -> assertThat(((SlackException.RateLimited) e).retryAfter()).isEqualTo(Duration.ofSeconds(12)));
        assertThatThrownBy(() -> client.post("#limited", "x", null, null)).isInstanceOf(SlackException.RateLimited.class)
                .satisfies(e -> assertThat(((SlackException.RateLimited) e).retryAfter())
                        .isEqualTo(SlackClient.DEFAULT_RETRY_AFTER));
        assertThatThrownBy(() -> client.post("#gone", "x", null, null)).isInstanceOf(SlackException.Rejected.class)
                .satisfies(e -> assertThat(((SlackException.Rejected) e).error()).isEqualTo("channel_not_found"));
        assertThatThrownBy(() -> client.post("#odd", "x", null, null)).isInstanceOf(SlackException.Rejected.class)
                .satisfies(e -> assertThat(((SlackException.Rejected) e).error()).isEqualTo("unknown_error"));
        assertThatThrownBy(() -> client.post("#bad", "x", null, null)).isInstanceOf(SlackException.Rejected.class)
                .satisfies(e -> assertThat(((SlackException.Rejected) e).error()).isEqualTo("invalid_arguments"));
        assertThatThrownBy(() -> client.post("#down", "x", null, null)).isInstanceOf(SlackException.Unavailable.class)
                .hasMessageContaining("503");
    }

    @Test
    void aBrokenOrGarbledAnswerIsUnavailableAndADownSlackOpensTheBreaker() {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=%23garbled"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"ok\":tru")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=%23reset"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> client.post("#garbled", "x", null, null)).isInstanceOf(SlackException.Unavailable.class);
        assertThatThrownBy(() -> client.post("#reset", "x", null, null)).isInstanceOf(SlackException.Unavailable.class);

        SlackClient nowhere = client("http://127.0.0.1:9/api/");
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> nowhere.post("#alerts", "x", null, null)).isInstanceOf(SlackException.Unavailable.class)
                    .hasMessageStartingWith("Slack did not answer");
        }
        assertThatThrownBy(() -> nowhere.post("#alerts", "x", null, null)).isInstanceOf(SlackException.Unavailable.class)
                .hasMessage("Slack circuit open");
    }

    @Test
    void withOnlyAnIncomingWebhookMessagesGoThereAndEverythingElseNeedsTheBotToken() {
        webhookOnly();
        SLACK.stubFor(post(urlEqualTo("/services/T0/B0/hook")).atPriority(10).willReturn(aResponse().withStatus(200).withBody("ok")));
        SLACK.stubFor(post(urlEqualTo("/services/T0/B0/hook")).atPriority(1).withRequestBody(containing("slow down"))
                .willReturn(aResponse().withStatus(429)));
        SLACK.stubFor(post(urlEqualTo("/services/T0/B0/hook")).atPriority(1).withRequestBody(containing("archived"))
                .willReturn(aResponse().withStatus(410).withBody("channel_is_archived")));
        SLACK.stubFor(post(urlEqualTo("/services/T0/B0/hook")).atPriority(1).withRequestBody(containing("forbidden"))
                .willReturn(aResponse().withStatus(403)));
        SLACK.stubFor(post(urlEqualTo("/services/T0/B0/hook")).atPriority(1).withRequestBody(containing("outage"))
                .willReturn(aResponse().withStatus(500)));

        assertThat(client.post("#ignored", "SLA breached", null, null)).isEqualTo(new SlackClient.Posted(null, null));
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/services/T0/B0/hook"))).getFirst().getBodyAsString())
                .contains("SLA breached");
        assertThatThrownBy(() -> client.post("#x", "slow down", null, null)).isInstanceOf(SlackException.RateLimited.class);
        assertThatThrownBy(() -> client.post("#x", "archived", null, null)).isInstanceOf(SlackException.Rejected.class)
                .satisfies(e -> assertThat(((SlackException.Rejected) e).error()).isEqualTo("channel_is_archived"));
        assertThatThrownBy(() -> client.post("#x", "forbidden", null, null)).isInstanceOf(SlackException.Rejected.class)
                .satisfies(e -> assertThat(((SlackException.Rejected) e).error()).isEqualTo("http_403"));
        assertThatThrownBy(() -> client.post("#x", "outage", null, null)).isInstanceOf(SlackException.Unavailable.class)
                .hasMessage("Slack webhook answered 500");
        // a webhook cannot reply in a thread, send ephemerals or look anything up
        assertThatThrownBy(() -> client.post("#x", "in a thread", null, "1765000000.000001"))
                .isInstanceOf(SlackException.Rejected.class).hasMessageContaining("not_connected");
        assertThatThrownBy(() -> client.ephemeral("C0", "U0", "only you", null)).isInstanceOf(SlackException.Rejected.class)
                .hasMessageContaining("no_bot_token");
        assertThatThrownBy(() -> client.channels()).isInstanceOf(SlackException.Rejected.class);

        workspace = Optional.of(new SlackWorkspaces.Connection(null, "http://127.0.0.1:9/services/hook", null));
        assertThatThrownBy(() -> client.post("#x", "anyone?", null, null)).isInstanceOf(SlackException.Unavailable.class)
                .hasMessageStartingWith("Slack webhook did not answer");
        workspace = Optional.empty();
        assertThatThrownBy(() -> client.post("#x", "nobody", null, null)).isInstanceOf(SlackException.Rejected.class)
                .hasMessageContaining("not_connected");
        assertThatThrownBy(() -> client.userIdByEmail("a@example.com")).isInstanceOf(SlackException.Rejected.class)
                .hasMessageContaining("not_connected");
    }

    @Test
    void usersSlackDoesNotKnowAreEmptyOtherRefusalsAreNot() {
        SLACK.stubFor(post(urlEqualTo("/api/users.lookupByEmail")).withRequestBody(containing("nobody"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"users_not_found\"}")));
        SLACK.stubFor(post(urlEqualTo("/api/users.lookupByEmail")).withRequestBody(containing("sara"))
                .willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"U0SARA\",\"profile\":{\"email\":\"sara@example.com\"}}}")));
        SLACK.stubFor(post(urlEqualTo("/api/users.lookupByEmail")).withRequestBody(containing("scope"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"missing_scope\"}")));
        SLACK.stubFor(post(urlEqualTo("/api/users.info")).withRequestBody(containing("U0GONE"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"user_not_found\"}")));
        SLACK.stubFor(post(urlEqualTo("/api/users.info")).withRequestBody(containing("U0ALEX"))
                .willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"U0ALEX\",\"profile\":{\"email\":\"alex@example.com\"}}}")));
        SLACK.stubFor(post(urlEqualTo("/api/users.info")).withRequestBody(containing("U0SCOPE"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"missing_scope\"}")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postEphemeral")).willReturn(okJson("{\"ok\":true,\"message_ts\":\"1.2\"}")));

        assertThat(client.userIdByEmail("nobody@example.com")).isEmpty();
        assertThat(client.userIdByEmail("sara@example.com")).contains("U0SARA");
        assertThatThrownBy(() -> client.userIdByEmail("scope@example.com")).isInstanceOf(SlackException.Rejected.class)
                .hasMessageContaining("missing_scope");
        assertThat(client.emailOf("U0GONE")).isEmpty();
        assertThat(client.emailOf("U0ALEX")).contains("alex@example.com");
        assertThatThrownBy(() -> client.emailOf("U0SCOPE")).isInstanceOf(SlackException.Rejected.class);
        client.ephemeral("C0THREADS", "U0ALEX", "Only you see this", "1765000000.000100");
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postEphemeral"))).getFirst().getBodyAsString())
                .contains("user=U0ALEX", "thread_ts=1765000000.000100");
    }

    @Test
    void theChannelListIsCachedForItsTtlAndSortedByName() {
        SLACK.stubFor(post(urlEqualTo("/api/conversations.list")).willReturn(okJson("""
                {"ok":true,"channels":[{"id":"C2","name":"support-alerts","is_private":false,"num_members":12},
                 {"id":"G1","name":"billing","is_private":true,"num_members":3}],"response_metadata":{"next_cursor":""}}""")));
        assertThat(client.channels()).extracting(SlackClient.SlackChannel::name).containsExactly("billing", "support-alerts");
        assertThat(client.channels()).hasSize(2);
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/api/conversations.list")))).hasSize(1);
        clock.advance(Duration.ofSeconds(61));
        client.channels();
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/api/conversations.list")))).hasSize(2);
        client.forgetChannels();
        client.channels();
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/api/conversations.list")))).hasSize(3);
    }

    @Test
    void retryAfterIsReadClampedOrDefaulted() {
        assertThat(SlackClient.retryAfter(null)).isEqualTo(SlackClient.DEFAULT_RETRY_AFTER);
        assertThat(SlackClient.retryAfter(" ")).isEqualTo(SlackClient.DEFAULT_RETRY_AFTER);
        assertThat(SlackClient.retryAfter("soon")).isEqualTo(SlackClient.DEFAULT_RETRY_AFTER);
        assertThat(SlackClient.retryAfter("0")).isEqualTo(Duration.ofSeconds(1));
        assertThat(SlackClient.retryAfter(" 7 ")).isEqualTo(Duration.ofSeconds(7));
        assertThat(SlackClient.retryAfter("86400")).isEqualTo(Duration.ofHours(1));
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
