package com.quimbi.crm.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * The gateway as the edge of a trace: it opens its own span, sends {@code traceparent} and {@code X-Request-Id}
 * on to the service, counts requests per route, and writes ECS JSON log lines with the request id. The
 * "service" here only records the headers it receives (real Keycloak and Redis from {@link TestInfrastructure}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class GatewayObservabilityIT {

    private static final BlockingQueue<Headers> RECEIVED = new LinkedBlockingQueue<>();
    private static final HttpServer SERVICE = recordingService();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("CRM_REDIS_URL", () -> TestInfrastructure.redis().url());
        registry.add("CRM_KEYCLOAK_URL", () -> TestInfrastructure.keycloak().baseUrl());
        registry.add("CRM_ISSUER_URI", () -> TestInfrastructure.keycloak().issuerUri());
        registry.add("CRM_JWK_SET_URI", () -> TestInfrastructure.keycloak().jwkSetUri());
        registry.add("CRM_TICKET_SERVICE_URL", () -> "http://127.0.0.1:" + SERVICE.getAddress().getPort());
        registry.add("crm.gateway.deactivations.enabled", () -> "false");
        registry.add("CRM_LOG_FORMAT", () -> "ecs");
    }

    @LocalServerPort
    int port;

    WebTestClient web;

    @BeforeEach
    void setUp() {
        web = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        RECEIVED.clear();
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
    }

    @Test
    void aTraceStartsAtTheEdgeAndTheServiceGetsItsTraceparentAndRequestId() throws InterruptedException {
        String token = login();

        web.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Request-Id", "req-edge-1")
                .exchange().expectStatus().isOk();

        Headers headers = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertThat(headers).isNotNull();
        assertThat(headers.getFirst("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(headers.getFirst("X-Request-Id")).isEqualTo("req-edge-1");
    }

    @Test
    void anIncomingTraceIsContinuedThroughTheGatewaysOwnSpan() throws InterruptedException {
        String token = login();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";

        web.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .exchange().expectStatus().isOk();

        String traceparent = RECEIVED.poll(10, TimeUnit.SECONDS).getFirst("traceparent");
        assertThat(traceparent).startsWith("00-" + traceId + "-");
        assertThat(traceparent).doesNotContain(callerSpan);
    }

    @Test
    void requestsAreCountedPerRoute() {
        String token = login();
        web.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk();

        String metrics = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics).containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"ticket-service\"[^}]*status=\"OK\"");
    }

    @Test
    void logLinesAreEcsJsonWithTheRequestId(CapturedOutput output) {
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).header("X-Request-Id", "req-log-7")
                .bodyValue(Map.of("username", DemoUser.AGENT.username(), "password", DemoUser.AGENT.credential()))
                .exchange().expectStatus().isOk();

        // The login line names the agent by a keyed pseudonym, never by the username.
        assertThat(output.getOut().lines()
                .filter(line -> line.contains("Login of user:") && line.contains("req-log-7")))
                .anySatisfy(line -> assertThat(line).startsWith("{").contains("\"requestId\":\"req-log-7\"")
                        .containsPattern("\"trace(\\.id|Id)\":\"[0-9a-f]{32}\"")
                        .doesNotContain(DemoUser.AGENT.username()));
    }

    private String login() {
        return web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", DemoUser.AGENT.username(), "password", DemoUser.AGENT.credential()))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
    }

    private static HttpServer recordingService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                RECEIVED.add(exchange.getRequestHeaders());
                byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
