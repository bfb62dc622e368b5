package com.quimbi.crm.automation.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.quimbi.crm.automation.webhook.internal.WebhookStore;
import com.quimbi.crm.automation.webhook.internal.WebhookStore.DeliveryRow;
import com.quimbi.crm.automation.webhook.internal.WebhookStore.EndpointRow;
import com.quimbi.crm.platform.crypto.SecretBox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * One delivery attempt against a receiver (WireMock) with the store mocked: what each answer or failure writes —
 * delivered, retried with backoff, failed after the last attempt, the endpoint disabled after its streak — and
 * which secrets sign during and after a rotation. (With Postgres and the dispatcher: WebhooksIT.)
 */
class WebhookSenderTest {

    static final WireMockServer RECEIVER = new WireMockServer(wireMockConfig().dynamicPort());
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final String KEY = "ZGV2LW9ubHktYXV0b21hdGlvbi1rZXktMzItYnl0ZXM=";
    static final String BODY = "{\"id\":\"e1\",\"type\":\"ticket.created\",\"data\":{}}";

    static {
        RECEIVER.start();
    }

    @AfterAll
    static void stop() {
        RECEIVER.stop();
    }

    // max 3 attempts, backoff 10 s doubling, disabled after 4 failures in a row; timeouts generous for a loaded
    // machine (the slow receiver's test has its own short one)
    WebhookProperties properties = properties(Duration.ofSeconds(10));
    WebhookSecrets secrets = new WebhookSecrets(properties);
    SecretBox box = secrets.box();
    WebhookStore store = mock(WebhookStore.class);
    MeterRegistry meters = new SimpleMeterRegistry();
    WebhookSender sender = new WebhookSender(store, secrets, properties, Clock.fixed(NOW, ZoneOffset.UTC),
            Optional.of(meters));
    String secret = WebhookSignature.newSecret();
    String path = "/hooks/" + UUID.randomUUID();

    static WebhookProperties properties(Duration readTimeout) {
        return new WebhookProperties(KEY, null, true, null, 3, Duration.ofSeconds(10), Duration.ofMinutes(10), 4, null,
                Duration.ofSeconds(5), readTimeout);
    }

    @BeforeEach
    void reset() {
        RECEIVER.resetAll();
    }

    EndpointRow endpoint(String url, int streak, String previousSecret, Instant previousUntil) {
        EndpointRow row = new EndpointRow(UUID.randomUUID(), "Receiver", url, List.of("ticket.created"),
                box.encrypt(secret), previousSecret == null ? null : box.encrypt(previousSecret), previousUntil, true,
                streak, null, NOW, NOW);
        when(store.find(row.id())).thenReturn(Optional.of(row));
        return row;
    }

    DeliveryRow due(EndpointRow endpoint, int attemptsBefore) {
        DeliveryRow delivery = new DeliveryRow(UUID.randomUUID(), endpoint.id(), UUID.randomUUID(), "ticket.created",
                BODY, "pending", attemptsBefore, NOW, null, null, NOW, null);
        when(store.lockNextDue(NOW)).thenReturn(Optional.of(delivery));
        return delivery;
    }

    void receiverAnswers(int status) {
        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
    }

    double counted(String outcome) {
        return meters.counter("crm_automation_webhook_deliveries", "outcome", outcome).count();
    }

    @Test
    void nothingDueIsNothingToDo() {
        when(store.lockNextDue(NOW)).thenReturn(Optional.empty());

        assertThat(sender.sendNextDue()).isFalse();
        verify(store, never()).attempted(any(), any(), anyInt(), any(), any(), any(), any());
    }

    @Test
    void aTwoHundredIsDeliveredSignedAndEndsTheFailureStreak() throws Exception {
        receiverAnswers(204);
        EndpointRow endpoint = endpoint(RECEIVER.baseUrl() + path, 3, null, null);
        DeliveryRow delivery = due(endpoint, 1);

        assertThat(sender.sendNextDue()).isTrue();

        verify(store).attempted(delivery.id(), "delivered", 2, null, 204, null, NOW);
        verify(store).setStreak(endpoint.id(), 0);
        verify(store, never()).disable(any(), any(), any());
        LoggedRequest request = RECEIVER.findAll(postRequestedFor(urlEqualTo(path))).getFirst();
        assertThat(request.getBodyAsString()).isEqualTo(BODY);
        assertThat(request.getHeader("X-Crm-Event")).isEqualTo("ticket.created");
        assertThat(request.getHeader("X-Crm-Delivery")).isEqualTo(delivery.id().toString());
        assertThat(request.getHeader("X-Crm-Signature")).startsWith("t=" + NOW.getEpochSecond() + ",v1=");
        assertThat(request.getHeader("X-Crm-Signature").split(",v1=")).hasSize(2);
        // the clock is fixed in the past: verify the MAC, not the age
        assertThat(WebhookReceiver.verify(request.getHeader("X-Crm-Signature"), BODY, secret, Long.MAX_VALUE / 2))
                .isTrue();
        assertThat(counted("delivered")).isEqualTo(1);
    }

    @Test
    void anErrorStatusIsRetriedAfterTheBackoffOfItsAttempt() {
        receiverAnswers(500);
        EndpointRow endpoint = endpoint(RECEIVER.baseUrl() + path, 0, null, null);
        DeliveryRow delivery = due(endpoint, 1);

        assertThat(sender.sendNextDue()).isTrue();

        // second attempt failed: the third waits base × 2
        verify(store).attempted(delivery.id(), "pending", 2, NOW.plus(Duration.ofSeconds(20)), 500, "HTTP 500", NOW);
        verify(store).setStreak(endpoint.id(), 1);
        verify(store, never()).disable(any(), any(), any());
        assertThat(counted("retry")).isEqualTo(1);
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() {
        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", RECEIVER.baseUrl() + "/elsewhere")));
        EndpointRow endpoint = endpoint(RECEIVER.baseUrl() + path, 0, null, null);
        DeliveryRow delivery = due(endpoint, 0);

        sender.sendNextDue();

        verify(store).attempted(delivery.id(), "pending", 1, NOW.plus(Duration.ofSeconds(10)), 302, "HTTP 302", NOW);
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/elsewhere")))).isEmpty();
    }

    @Test
    void theLastAttemptFailsTheDeliveryWithoutANextAttempt() {
        receiverAnswers(503);
        EndpointRow endpoint = endpoint(RECEIVER.baseUrl() + path, 1, null, null);
        DeliveryRow delivery = due(endpoint, 2);

        sender.sendNextDue();

        verify(store).attempted(delivery.id(), "failed", 3, null, 503, "HTTP 503", NOW);
        verify(store).setStreak(endpoint.id(), 2);
        assertThat(counted("failed")).isEqualTo(1);
    }

    @Test
    void noConnectionIsAFailureWithTheErrorAndNoStatus() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EndpointRow endpoint = endpoint("http://127.0.0.1:" + closedPort + "/hook", 0, null, null);
        DeliveryRow delivery = due(endpoint, 0);

        assertThat(sender.sendNextDue()).isTrue();

        verify(store).attempted(eq(delivery.id()), eq("pending"), eq(1), eq(NOW.plus(Duration.ofSeconds(10))),
                isNull(), startsWith("ConnectException"), eq(NOW));
    }

    @Test
    void aReceiverThatResetsTheConnectionOrIsTooSlowIsAFailure() {
        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        EndpointRow endpoint = endpoint(RECEIVER.baseUrl() + path, 0, null, null);
        DeliveryRow reset = due(endpoint, 0);
        sender.sendNextDue();
        verify(store).attempted(eq(reset.id()), eq("pending"), eq(1), any(), isNull(), anyString(), eq(NOW));

        WebhookSender impatient = new WebhookSender(store, secrets, properties(Duration.ofMillis(200)),
                Clock.fixed(NOW, ZoneOffset.UTC), Optional.empty());
        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        DeliveryRow slow = due(endpoint, 0);
        impatient.sendNextDue();
        verify(store).attempted(eq(slow.id()), eq("pending"), eq(1), any(), isNull(),
                startsWith("HttpTimeoutException"), eq(NOW));
    }

    @Test
    void theStreakThatReachesDisableAfterDisablesTheEndpointWithItsReason() {
        receiverAnswers(410);
        EndpointRow endpoint = endpoint(RECEIVER.baseUrl() + path, 3, null, null);
        due(endpoint, 0);

        sender.sendNextDue();

        verify(store).setStreak(endpoint.id(), 4);
        verify(store).disable(endpoint.id(), "disabled after 4 failed attempts in a row (last: HTTP 410)", NOW);
        assertThat(meters.counter("crm_automation_webhook_endpoints_disabled").count()).isEqualTo(1);
    }

    @Test
    void aLongErrorIsCutToFiveHundredCharacters() {
        // a URL that is no URI (a space): the refusal quotes the whole URL
        String longUrl = "http://127.0.0.1/" + "x".repeat(600) + " hook";
        EndpointRow endpoint = endpoint(longUrl, 3, null, null);
        DeliveryRow delivery = due(endpoint, 0);

        sender.sendNextDue();

        verify(store).attempted(eq(delivery.id()), eq("pending"), eq(1), any(), isNull(),
                org.mockito.ArgumentMatchers.argThat(error -> error.length() == 500), eq(NOW));
        verify(store).disable(eq(endpoint.id()), org.mockito.ArgumentMatchers.argThat(reason -> reason.length() == 500
                && reason.startsWith("disabled after 4 failed attempts in a row (last: ")), eq(NOW));
    }

    @Test
    void duringTheOverlapThePreviousSecretSignsTooAndAfterItNot() throws Exception {
        receiverAnswers(200);
        String previous = WebhookSignature.newSecret();
        EndpointRow rotating = endpoint(RECEIVER.baseUrl() + path, 0, previous, NOW.plus(Duration.ofHours(1)));
        due(rotating, 0);
        sender.sendNextDue();

        EndpointRow rotated = endpoint(RECEIVER.baseUrl() + path, 0, previous, NOW.minusSeconds(1));
        due(rotated, 0);
        sender.sendNextDue();

        List<LoggedRequest> requests = RECEIVER.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(2);
        String during = requests.get(0).getHeader("X-Crm-Signature");
        String after = requests.get(1).getHeader("X-Crm-Signature");
        long anyAge = Long.MAX_VALUE / 2;
        assertThat(during.split(",v1=")).hasSize(3);
        assertThat(WebhookReceiver.verify(during, BODY, previous, anyAge)).isTrue();
        assertThat(WebhookReceiver.verify(during, BODY, secret, anyAge)).isTrue();
        assertThat(after.split(",v1=")).hasSize(2);
        assertThat(WebhookReceiver.verify(after, BODY, previous, anyAge)).isFalse();
        assertThat(WebhookReceiver.verify(after, BODY, secret, anyAge)).isTrue();
    }

    @Test
    void withoutAMeterRegistryItStillDisables() {
        WebhookSender unmetered = new WebhookSender(store, secrets, properties, Clock.fixed(NOW, ZoneOffset.UTC),
                Optional.empty());
        receiverAnswers(500);
        EndpointRow endpoint = endpoint(RECEIVER.baseUrl() + path, 3, null, null);
        due(endpoint, 0);

        assertThat(unmetered.sendNextDue()).isTrue();
        verify(store).disable(eq(endpoint.id()), anyString(), eq(NOW));
    }

    @Test
    void theDispatcherPollsTheSenderAtItsInterval() {
        WebhookSender polled = mock(WebhookSender.class);
        WebhookDispatcher dispatcher = new WebhookDispatcher(polled, new WebhookProperties(KEY, null, true,
                Duration.ofMillis(20), 0, null, null, 0, null, null, null));
        dispatcher.start();
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> verify(polled, atLeastOnce()).sendNextDue());
        } finally {
            dispatcher.stop();
        }
    }
}
