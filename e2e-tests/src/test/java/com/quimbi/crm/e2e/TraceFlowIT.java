package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.devstack.PostgresServer;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

/**
 * One trace from the gateway through ticket-service, its outbox, Debezium and Kafka into the consumers, exported
 * over OTLP by every process to the module's receiver.
 */
class TraceFlowIT {

    static final Set<String> CONSUMERS = Set.of("sla-service", "assignment-service", "analytics-service",
            "quimbi-adapter", "notification-service");

    @Test
    void aTicketCreatedThroughTheGatewayIsOneTraceAcrossTheGatewayTicketServiceAndItsConsumers() throws Exception {
        OtlpReceiver traces = E2eStack.traces();
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        // the client starts the trace, as a browser or an integration with its own tracing would
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";

        Api.Reply created = agent.send(agent.request("/api/tickets").header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"subject":"Trace me","description":"One trace end to end.",
                         "priority":"normal","channel":"email","customerEmail":"trace.me@example.com"}""")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID ticket = UUID.fromString(created.json().path("id").asString());

        // the event carries the request's trace through the outbox row to Kafka
        String relayedTrace = outboxTraceparent(ticket).split("-")[1];

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<OtlpReceiver.ReceivedSpan> spans = traces.trace(relayedTrace);
            Set<String> services = spans.stream().map(OtlpReceiver.ReceivedSpan::service).collect(Collectors.toSet());
            assertThat(services).as("services with spans in trace %s: %s", relayedTrace, spans)
                    .contains("gateway", "ticket-service");
            assertThat(services.stream().filter(CONSUMERS::contains).count()).as("consumers in %s", services)
                    .isGreaterThanOrEqualTo(2);
            assertThat(spans).as("a consumer span").anyMatch(s -> CONSUMERS.contains(s.service())
                    && s.kind().equals("SPAN_KIND_CONSUMER"));
        });
        assertThat(relayedTrace).as("the gateway continued the client's trace").isEqualTo(traceId);
    }

    static String outboxTraceparent(UUID ticket) throws Exception {
        PostgresServer postgres = E2eStack.get().postgres();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("ticket"), postgres.superUser(),
                postgres.superPassword());
                PreparedStatement query = db.prepareStatement(
                        "SELECT traceparent FROM outbox WHERE aggregateid = ? AND type = 'ticket.created'")) {
            query.setString(1, ticket.toString());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("the ticket.created outbox row").isTrue();
                assertThat(row.getString(1)).as("its traceparent").isNotBlank();
                return row.getString(1);
            }
        }
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zero (an invalid trace id)
        return bytes;
    }
}
