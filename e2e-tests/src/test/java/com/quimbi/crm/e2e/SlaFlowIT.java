package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.KafkaProbe;

import tools.jackson.databind.JsonNode;

/**
 * SLA clocks follow a ticket's life through the gateway: ticket-service → outbox → Debezium → Kafka →
 * sla-service, and back to ticket-service's SLA snapshot through crm.sla.events.
 */
class SlaFlowIT {

    static Api.Reply notLimited(Supplier<Api.Reply> request) {
        return AuthorizationMatrixIT.notLimited(request);
    }

    /** The ticket's clock of {@code metric} (latest cycle) as sla-service shows it, once it exists. */
    static JsonNode clock(Api api, String ticketId, String metric) {
        JsonNode found = null;
        Api.Reply reply = notLimited(() -> api.get("/api/sla/tickets/" + ticketId));
        if (reply.status() != 200) {
            return null;
        }
        for (JsonNode c : reply.json().path("clocks")) {
            if (metric.equals(c.path("metric").asString())
                    && (found == null || c.path("cycle").asInt() > found.path("cycle").asInt())) {
                found = c;
            }
        }
        return found;
    }

    static void awaitClockState(Api api, String ticketId, String metric, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode clock = clock(api, ticketId, metric);
            assertThat(clock).as(metric + " clock of " + ticketId).isNotNull();
            assertThat(clock.path("state").asString()).as(metric + " state").isEqualTo(state);
        });
    }

    static Api.Reply patch(Api api, String path, String json) {
        return notLimited(() -> api.send(api.request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))));
    }

    @Test
    void clocksStartPauseResumeAndAreMetAsTheTicketMoves() {
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        Api.Reply created = notLimited(() -> agent.post("/api/tickets", """
                {"subject":"Checkout is down","description":"Nobody can pay on our shop since 10 minutes.",
                 "priority":"urgent","channel":"email","customerEmail":"ops@shop.example.com"}"""));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        Instant createdAt = Instant.parse(created.json().path("createdAt").asString());

        // urgent → the default 24/7 policy: first reply within 1 h, resolution within 8 h of creation
        awaitClockState(agent, id, "first_response", "on_track");
        awaitClockState(agent, id, "resolution", "on_track");
        assertThat(Instant.parse(clock(agent, id, "first_response").path("deadline").asString()))
                .isEqualTo(createdAt.plus(Duration.ofHours(1)));
        assertThat(Instant.parse(clock(agent, id, "resolution").path("deadline").asString()))
                .isEqualTo(createdAt.plus(Duration.ofHours(8)));
        // ticket-service learns the next deadline from crm.sla.events and shows it on the ticket
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(Instant.parse(agent.get("/api/tickets/" + id).json().path("sla").path("nextDeadline")
                        .asString("1970-01-01T00:00:00Z"))).isEqualTo(createdAt.plus(Duration.ofHours(1))));

        // an internal note is not a reply; the public reply meets first response
        assertThat(notLimited(() -> agent.post("/api/tickets/" + id + "/messages",
                "{\"body\":\"Paging the payments on-call\",\"internal\":true}")).status()).isEqualTo(201);
        assertThat(notLimited(() -> agent.post("/api/tickets/" + id + "/messages",
                "{\"body\":\"We are on it and will update you within the hour.\"}")).status()).isEqualTo(201);
        awaitClockState(agent, id, "first_response", "met");
        assertThat(clock(agent, id, "first_response").path("breached").asBoolean()).isFalse();

        // waiting on the customer pauses resolution; back to open resumes it
        assertThat(patch(agent, "/api/tickets/" + id, "{\"status\":\"pending\"}").status()).isEqualTo(200);
        awaitClockState(agent, id, "resolution", "paused");
        JsonNode paused = clock(agent, id, "resolution").path("deadline");
        assertThat(paused.isNull() || paused.isMissingNode()).as("deadline while paused: " + paused).isTrue();
        assertThat(patch(agent, "/api/tickets/" + id, "{\"status\":\"open\"}").status()).isEqualTo(200);
        awaitClockState(agent, id, "resolution", "on_track");
        Instant resumedDeadline = Instant.parse(clock(agent, id, "resolution").path("deadline").asString());
        assertThat(resumedDeadline).isAfter(createdAt.plus(Duration.ofHours(8)));

        // solving meets resolution; the ticket no longer has a running clock
        assertThat(patch(agent, "/api/tickets/" + id, "{\"status\":\"solved\"}").status()).isEqualTo(200);
        awaitClockState(agent, id, "resolution", "met");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(agent.get("/api/tickets/" + id).json().path("sla").path("state").asString())
                        .isEqualTo("met"));
    }

    @Test
    void aDeadlineIsBreachedWithinSecondsOfItsMoment() {
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        String tag = "e2e-breach-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply policy = notLimited(() -> admin.post("/api/sla/policies", """
                {"name":"E2E three seconds","position":1,"conditions":{"tags":["%s"]},
                 "targets":[{"metric":"first_response","target":"PT3S","businessHours":false},
                            {"metric":"resolution","target":"PT1H","businessHours":false}]}""".formatted(tag)));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        String policyId = policy.json().path("id").asString();
        try {
            Api.Reply created = notLimited(() -> agent.post("/api/tickets", """
                    {"subject":"Refund still missing","description":"Where is my refund?","priority":"normal",
                     "channel":"chat","customerEmail":"late@example.com","tags":["%s"]}""".formatted(tag)));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().path("id").asString();

            ConsumerRecord<String, String> breach = KafkaProbe.awaitRecord(E2eStack.get().kafka().bootstrapServers(),
                    "crm.sla.events", r -> id.equals(r.key()) && r.value().contains("\"sla.breached\""),
                    Duration.ofSeconds(60));
            JsonNode data = tools.jackson.databind.json.JsonMapper.builder().build().readTree(breach.value())
                    .path("data");
            assertThat(data.path("metric").asString()).isEqualTo("first_response");
            assertThat(data.path("policyId").asString()).isEqualTo(policyId);
            Instant deadline = Instant.parse(data.path("deadline").asString());
            assertThat(Duration.between(deadline, Instant.parse(data.path("breachedAt").asString())))
                    .isLessThan(Duration.ofSeconds(2));

            awaitClockState(agent, id, "first_response", "breached");
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(agent.get("/api/tickets/" + id).json().path("sla").path("state").asString())
                            .isEqualTo("breached"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                java.util.List<String> breached = new java.util.ArrayList<>();
                notLimited(() -> agent.get("/api/sla/breaches?metric=first_response&limit=200")).json().path("items")
                        .forEach(b -> breached.add(b.path("ticketId").asString()));
                assertThat(breached).contains(id);
            });
        } finally {
            notLimited(() -> admin.send(admin.request("/api/sla/policies/" + policyId).DELETE()));
        }
    }
}
