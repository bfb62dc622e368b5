package com.quimbi.crm.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.quimbi.crm.gateway.web.RequestIdWebFilter;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code GET /api/audit}'s fan-out over HTTP: each service's {@code GET /internal/audit} (the platform-audit contract)
 * answered by a small JDK HTTP server, so what the gateway sends (token, request id, filters encoded in full) and
 * how it merges, names a silent service and passes a refusal on are checked without starting the stack (the e2e
 * AuditFlowIT does that against the real services).
 */
class AuditFanOutTest {

    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    private final Map<String, String> queries = new ConcurrentHashMap<>();
    private final Map<String, String> headers = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        servers.values().forEach(s -> s.stop(0));
    }

    private URI service(String name, int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/audit", exchange -> {
            queries.put(name, exchange.getRequestURI().getRawQuery());
            headers.put(name, exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst(RequestIdWebFilter.HEADER));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.put(name, server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static MockServerWebExchange exchange() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/audit"));
        exchange.getAttributes().put(RequestIdWebFilter.ATTRIBUTE, "req-42");
        return exchange;
    }

    private static Jwt admin() {
        return AuditControllerTest.token(List.of("admin"));
    }

    private static ResponseEntity<?> list(AuditController controller, Jwt token, MultiValueMap<String, String> params) {
        return controller.list(token, params, exchange()).block(Duration.ofSeconds(10));
    }

    private static String record(String id, String at) {
        return """
                {"id":"%s","occurredAt":"%s","action":"x","cursor":"c-%s"}""".formatted(id, at, id);
    }

    @Test
    void theServicesPagesAreMergedNewestFirstAndASilentServiceIsNamed() throws IOException {
        URI tickets = service("ticket-service", 200, """
                {"items":[%s,%s],"nextCursor":null}""".formatted(record("t2", "2026-12-07T10:02:00Z"),
                record("t1", "2026-12-07T10:00:00Z")));
        URI agents = service("agent-service", 200, """
                {"items":[%s],"nextCursor":"more"}""".formatted(record("a1", "2026-12-07T10:01:00Z")));
        URI broken = service("sla-service", 503, "{}");
        AuditController controller = new AuditController(new AuditProperties(Map.of("ticket-service", tickets,
                "agent-service", agents, "sla-service", broken, "notification-service", URI.create("http://127.0.0.1:1")),
                Duration.ofSeconds(3)));
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        params.add("limit", "2");
        params.add("from", "2026-12-07T09:00:00+01:00");
        params.add("ignored", "x");

        ResponseEntity<?> reply = list(controller, admin(), params);

        assertThat(reply.getStatusCode().value()).isEqualTo(200);
        assertThat(reply.getHeaders().getCacheControl()).isEqualTo("no-store");
        AuditController.AuditResponse body = (AuditController.AuditResponse) reply.getBody();
        assertThat(body.items()).extracting(r -> r.path("id").asString()).containsExactly("t2", "a1");
        assertThat(body.nextCursor()).isEqualTo("c-a1");
        assertThat(body.partial()).containsExactly("notification-service", "sla-service");
        // the caller's token and request id go along; "+" arrives as "+", unknown parameters do not
        assertThat(headers.get("ticket-service")).isEqualTo("Bearer t req-42");
        assertThat(queries.get("ticket-service")).isEqualTo("from=2026-12-07T09%3A00%3A00%2B01%3A00&limit=2");
    }

    @Test
    void aFilterAServiceRefusesIsTheCallersProblem() throws IOException {
        URI tickets = service("ticket-service", 400, """
                {"type":"https://supportcrm.dev/problems/validation","title":"Invalid input","status":400}""");
        AuditController controller = new AuditController(new AuditProperties(Map.of("ticket-service", tickets), null));
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        params.add("from", "yesterday");

        ResponseEntity<?> reply = list(controller, admin(), params);

        assertThat(reply.getStatusCode().value()).isEqualTo(400);
        assertThat(reply.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(reply.getBody().toString()).contains("problems/validation");
        assertThat(queries.get("ticket-service")).isEqualTo("from=yesterday&limit=50");
    }

    @Test
    void nonAdminsAndBadLimitsNeverReachTheServices() throws IOException {
        URI tickets = service("ticket-service", 200, "{\"items\":[]}");
        AuditController controller = new AuditController(new AuditProperties(Map.of("ticket-service", tickets), null));
        MultiValueMap<String, String> tooMany = new LinkedMultiValueMap<>();
        tooMany.add("limit", "500");

        assertThat(list(controller, AuditControllerTest.token(List.of("supervisor")), new LinkedMultiValueMap<>())
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<?> bad = list(controller, admin(), tooMany);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody().toString()).contains("limit");
        assertThat(queries).isEmpty();
    }
}
