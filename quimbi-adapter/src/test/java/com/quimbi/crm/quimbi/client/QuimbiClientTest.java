package com.quimbi.crm.quimbi.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The client against a fake Quimbi at the HTTP boundary (WireMock): shapes, failures and resilience. */
class QuimbiClientTest {

    static final String KEY = "qk_test_5ecret";
    static final String CUSTOMER = "0193a0c3-0b1c-7d2e-9f30-4a5b6c7d8e90";
    static WireMockServer quimbi;

    @BeforeAll
    static void start() {
        quimbi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        quimbi.start();
    }

    @AfterAll
    static void stop() {
        quimbi.stop();
    }

    @AfterEach
    void reset() {
        quimbi.resetAll();
    }

    static QuimbiProperties properties(int window, Duration openFor, int maxConcurrent) {
        return new QuimbiProperties(true, URI.create(quimbi.baseUrl()), KEY, Duration.ofMillis(500),
                Duration.ofMillis(300), Duration.ofMillis(500),
                new QuimbiProperties.Retry(3, Duration.ofMillis(10), 2.0, 0.5),
                new QuimbiProperties.CircuitBreaker(50, window, window, openFor, 2, Duration.ofSeconds(5)),
                new QuimbiProperties.Bulkhead(maxConcurrent, Duration.ZERO));
    }

    static QuimbiClient client() {
        return client(properties(100, Duration.ofSeconds(30), 8));
    }

    static QuimbiClient client(QuimbiProperties p) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        return new QuimbiClient(p, new QuimbiResilience(p, meters), meters);
    }

    static final String DNA = """
            {"customer_id":"%s","archetype":"loyal_bargain_hunter","segments":["discount_sensitive"],
             "traits":{"price_sensitivity":0.8},"preferred_channel":"email","communication_style":"concise",
             "updated_at":"2026-11-20T10:00:00Z","some_future_field":{"x":1}}""".formatted(CUSTOMER);

    @Test
    void readsTheDnaProfileInQuimbisSnakeCaseWithTheKeyAsBearerToken() {
        quimbi.stubFor(get("/api/ml/customers/" + CUSTOMER + "/dna").willReturn(okJson(DNA)));

        QuimbiApi.DnaProfile dna = client().dna(CUSTOMER);

        assertThat(dna.archetype()).isEqualTo("loyal_bargain_hunter");
        assertThat(dna.segments()).containsExactly("discount_sensitive");
        assertThat(dna.traits()).containsEntry("price_sensitivity", 0.8);
        assertThat(dna.preferredChannel()).isEqualTo("email");
        quimbi.verify(getRequestedFor(urlEqualTo("/api/ml/customers/" + CUSTOMER + "/dna"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void classificationIsPostedWithTheTicketIdAsIdempotencyKey() {
        quimbi.stubFor(post("/api/ml/tickets/classify").willReturn(okJson("""
                {"category":"shipping","category_confidence":0.91,"sentiment":{"label":"negative","score":-0.6},
                 "urgency":"high","confidence":0.88,"model_version":"clf-2026.11"}""")));

        QuimbiApi.Classification c = client().classify(
                new QuimbiApi.ClassifyRequest("t-1", "Where is my order?", "It is late.", "email", null));

        assertThat(c.category()).isEqualTo("shipping");
        assertThat(c.sentiment().score()).isEqualTo(-0.6);
        quimbi.verify(postRequestedFor(urlEqualTo("/api/ml/tickets/classify"))
                .withHeader("Idempotency-Key", equalTo("t-1"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.ticket_id", equalTo("t-1"))));
    }

    @Test
    void aBurstOf5xxIsRetriedWithBackoffAndRecovers() {
        String path = "/api/ml/customers/" + CUSTOMER + "/churn";
        quimbi.stubFor(get(path).inScenario("burst").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        quimbi.stubFor(get(path).inScenario("burst").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("healthy"));
        quimbi.stubFor(get(path).inScenario("burst").whenScenarioStateIs("healthy").willReturn(okJson("""
                {"customer_id":"%s","churn_probability":0.72,"risk_level":"high",
                 "drivers":[{"feature":"days_since_last_order","impact":0.31,"description":"97 days"}]}"""
                .formatted(CUSTOMER))));

        QuimbiApi.ChurnPrediction churn = client().churn(CUSTOMER);

        assertThat(churn.churnProbability()).isEqualTo(0.72);
        assertThat(churn.drivers()).extracting(QuimbiApi.Driver::feature).containsExactly("days_since_last_order");
        quimbi.verify(3, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetriedThenGivesUp() {
        quimbi.stubFor(get(urlPathMatching("/api/ml/customers/.*/dna")).willReturn(okJson(DNA).withFixedDelay(1_000)));

        assertThatThrownBy(() -> client().dna(CUSTOMER))
                .isInstanceOfSatisfying(QuimbiException.Unavailable.class,
                        e -> assertThat(e.getMessage()).contains("timed out"));
        quimbi.verify(3, getRequestedFor(urlPathMatching("/api/ml/customers/.*/dna")));
    }

    @Test
    void malformedJsonIsABadResponseAndIsNotRetried() {
        quimbi.stubFor(get(urlPathMatching(".*/dna")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"customer_id\": \"x\", \"archetype\": ")));

        assertThatThrownBy(() -> client().dna(CUSTOMER)).isInstanceOf(QuimbiException.BadResponse.class);
        quimbi.verify(1, getRequestedFor(urlPathMatching(".*/dna")));
    }

    @Test
    void anAnswerOutsideTheContractIsABadResponse() {
        quimbi.stubFor(get(urlPathMatching(".*/churn")).willReturn(okJson("{\"churn_probability\": 7.5}")));

        assertThatThrownBy(() -> client().churn(CUSTOMER)).isInstanceOf(QuimbiException.BadResponse.class)
                .hasMessageContaining("outside [0, 1]");
    }

    @Test
    void notFoundAndRejectedAreTypedAndNotRetried() {
        quimbi.stubFor(get(urlPathMatching(".*/dna")).willReturn(aResponse().withStatus(404)));
        quimbi.stubFor(get(urlPathMatching(".*/ltv")).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client().dna(CUSTOMER)).isInstanceOf(QuimbiException.NotFound.class);
        assertThatThrownBy(() -> client().ltv(CUSTOMER)).isInstanceOfSatisfying(QuimbiException.Rejected.class,
                e -> assertThat(e.status()).isEqualTo(401));
        quimbi.verify(1, getRequestedFor(urlPathMatching(".*/dna")));
        quimbi.verify(1, getRequestedFor(urlPathMatching(".*/ltv")));
    }

    @Test
    void draftsAreNeverRetried() {
        quimbi.stubFor(post("/api/ml/drafts").willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client().draft(new QuimbiApi.DraftRequest(
                new QuimbiApi.DraftTicket("t-1", "#1", "Hi", "Body", "email", "general"), List.of(), null, List.of(),
                "friendly"))).isInstanceOf(QuimbiException.Unavailable.class);
        quimbi.verify(1, postRequestedFor(urlEqualTo("/api/ml/drafts")));
    }

    @Test
    void theCircuitOpensAfterTheConfiguredFailuresHalfOpensAndCloses() {
        QuimbiProperties p = properties(4, Duration.ofMillis(300), 8);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        QuimbiResilience resilience = new QuimbiResilience(p, meters);
        QuimbiClient client = new QuimbiClient(p, resilience, meters);
        CircuitBreaker breaker = resilience.circuitBreaker();
        quimbi.stubFor(get(urlPathMatching(".*/dna")).willReturn(aResponse().withStatus(500)));

        // 2 calls × 3 attempts = 6 failures ≥ the window of 4 at 50 %: open
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.dna(CUSTOMER)).isInstanceOf(QuimbiException.Unavailable.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsWhenOpened = quimbi.getAllServeEvents().size();

        // open: refused without touching Quimbi, and not retried
        assertThatThrownBy(() -> client.dna(CUSTOMER)).isInstanceOfSatisfying(QuimbiException.Unavailable.class,
                e -> assertThat(e.retryable()).isFalse());
        assertThat(quimbi.getAllServeEvents()).hasSize(callsWhenOpened);

        // Quimbi recovers; after the wait the breaker lets trial calls through (half-open), then closes
        quimbi.resetAll();
        quimbi.stubFor(get(urlPathMatching(".*/dna")).willReturn(okJson(DNA)));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            try {
                client.dna(CUSTOMER);
            } catch (QuimbiException.Unavailable stillOpen) {
                // the wait in the open state has not passed yet
            }
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        });
        client.dna(CUSTOMER);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(meters.find("resilience4j.circuitbreaker.state").tags("name", "quimbi").meters()).isNotEmpty();
    }

    @Test
    void theBulkheadCapsConcurrentCalls() throws Exception {
        QuimbiProperties p = properties(100, Duration.ofSeconds(30), 1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        QuimbiResilience resilience = new QuimbiResilience(p, meters);
        QuimbiClient client = new QuimbiClient(p, resilience, meters);
        quimbi.stubFor(get(urlPathMatching(".*/dna")).willReturn(okJson(DNA).withFixedDelay(250)));

        CompletableFuture<QuimbiApi.DnaProfile> first = CompletableFuture.supplyAsync(() -> client.dna(CUSTOMER));
        Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> resilience.bulkhead().getMetrics().getAvailableConcurrentCalls() == 0);

        assertThatThrownBy(() -> client.dna(CUSTOMER)).isInstanceOfSatisfying(QuimbiException.Unavailable.class,
                e -> assertThat(e.getMessage()).contains("concurrent"));
        assertThat(first.get(2, TimeUnit.SECONDS).archetype()).isEqualTo("loyal_bargain_hunter");
    }

    @Test
    void logsNeverCarryTheKeyTheCustomerIdOrBodies() {
        Logger logger = (Logger) LoggerFactory.getLogger(QuimbiClient.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            quimbi.stubFor(get(urlPathMatching(".*/dna")).willReturn(okJson(DNA)));
            quimbi.stubFor(get(urlPathMatching(".*/ltv")).willReturn(aResponse().withStatus(403)));
            quimbi.stubFor(get(urlPathMatching(".*/churn")).willReturn(okJson("{\"churn_probability\": ")));
            client().dna(CUSTOMER);
            assertThatThrownBy(() -> client().ltv(CUSTOMER)).isInstanceOf(QuimbiException.class);
            assertThatThrownBy(() -> client().churn(CUSTOMER)).isInstanceOf(QuimbiException.class);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
        List<String> lines = new ArrayList<>();
        appender.list.forEach(e -> lines.add(e.getFormattedMessage()));
        assertThat(lines).isNotEmpty();
        assertThat(String.join("\n", lines)).doesNotContain(KEY).doesNotContain(CUSTOMER)
                .doesNotContain("loyal_bargain_hunter").doesNotContain("churn_probability");
    }

    @Test
    void disabledQuimbiIsNeverCalled() {
        QuimbiProperties off = new QuimbiProperties(false, null, null, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), new QuimbiProperties.Retry(3, Duration.ofMillis(10), 2.0, 0.5),
                new QuimbiProperties.CircuitBreaker(50, 10, 10, Duration.ofSeconds(1), 1, Duration.ofSeconds(1)),
                new QuimbiProperties.Bulkhead(1, Duration.ZERO));

        assertThatThrownBy(() -> client(off).dna(CUSTOMER)).isInstanceOf(QuimbiException.Disabled.class);
        assertThat(quimbi.getAllServeEvents()).isEmpty();
    }
}
