package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

/** The spine: gateway → ticket-service → Postgres outbox → Debezium → Kafka → analytics-service. */
class TicketFlowIT {

    @Test
    void aTicketOpenedThroughTheGatewayIsCountedByAnalytics() {
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        Api supervisor = E2eStack.gateway().as(E2eStack.login(DemoUser.SUPERVISOR));
        long before = supervisor.get("/api/analytics/tickets/summary").json().path("byChannel").path("chat").asLong(0);

        Api.Reply created = agent.post("/api/tickets", """
                {"subject":"Where is my parcel?","description":"Tracking has not moved for 5 days.",
                 "priority":"normal","channel":"chat","customerEmail":"li.wei@example.com"}""");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("X-Request-Id")).isNotBlank();
        String id = created.json().path("id").asString();
        Api.Reply read = agent.get("/api/tickets/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("subject").asString()).isEqualTo("Where is my parcel?");

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(supervisor.get("/api/analytics/tickets/summary").json()
                        .path("byChannel").path("chat").asLong(0)).isEqualTo(before + 1));
    }
}
