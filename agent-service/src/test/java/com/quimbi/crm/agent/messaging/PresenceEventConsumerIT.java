package com.quimbi.crm.agent.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.presence.PresenceConnected;
import com.quimbi.crm.contracts.presence.PresenceDisconnected;
import com.quimbi.crm.contracts.presence.PresenceIdle;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.MaximalEvents;
import com.quimbi.crm.test.TestInfrastructure;

@SpringBootTest
@DirtiesContext
class PresenceEventConsumerIT {

    static final String TOPIC = Topics.PRESENCE;
    static final String GOLDEN_AGENT = "5b0c2f3e-2d7a-4c1e-9a55-0f6e8d7c1b2a";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    /** The golden presence event of this type, as a new event about {@code agentId} at {@code at}. */
    static String presence(String type, UUID eventId, UUID agentId, Instant at) {
        String golden = EventContracts.golden(type, 1);
        String goldenId = golden.substring(golden.indexOf("\"id\": \"") + 7, golden.indexOf("\"id\": \"") + 43);
        return golden.replace(goldenId, eventId.toString()).replace(GOLDEN_AGENT, agentId.toString())
                .replace("2026-11-26T09:15:00.100Z", at.toString());
    }

    static void deliver(UUID agentId, String value) {
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), TOPIC, agentId.toString(), value,
                Map.of("eventType", "presence"));
    }

    UUID agent(String status, Instant statusChangedAt) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO agent (id, username, email, first_name, last_name, role, status, status_changed_at,
                  max_concurrent_tickets, accepts_new, seniority, timezone, active, created_at, updated_at)
                VALUES (?, ?, ?, 'Pat', 'Doe', 'AGENT', ?, ?, 5, true, 'JUNIOR', 'UTC', true, now(), now())""",
                id, "u" + id, id + "@example.com", status, Timestamp.from(statusChangedAt));
        return id;
    }

    String status(UUID id) {
        return jdbc.queryForObject("SELECT status FROM agent WHERE id = ?", String.class, id);
    }

    long statusEvents(UUID id) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregateid = ? AND type = 'agent.status_changed'",
                Long.class, id.toString());
    }

    @Test
    void aConnectDeliveredTwiceBringsTheAgentOnlineOnce() {
        Instant before = Instant.parse("2026-01-01T00:00:00Z");
        UUID id = agent("OFFLINE", before);
        String event = presence(PresenceConnected.TYPE, UUID.randomUUID(), id, before.plusSeconds(60));

        deliver(id, event);
        deliver(id, event);
        // a later event for the same agent (same partition): once it is processed, both copies above were too
        deliver(id, presence(PresenceIdle.TYPE, UUID.randomUUID(), id, before.plusSeconds(120)));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("AWAY"));
        assertThat(statusEvents(id)).isEqualTo(2);
        List<String> payloads = jdbc.queryForList("SELECT payload::text FROM outbox WHERE aggregateid = ? ORDER BY occurredat",
                String.class, id.toString());
        payloads.forEach(EventContracts::assertValid);
        assertThat(payloads.getFirst()).contains("\"status\": \"online\"").contains("\"source\": \"presence\"");
    }

    @Test
    void activityAfterIdleBringsBackTheAwayPresenceSetButNeverAnAwayTheAgentChose() {
        Instant before = Instant.parse("2026-02-01T00:00:00Z");
        UUID idled = agent("ONLINE", before);
        UUID chose = agent("ONLINE", before);
        jdbc.update("UPDATE agent SET status = 'AWAY', status_source = 'MANUAL' WHERE id = ?", chose);

        deliver(idled, presence(PresenceIdle.TYPE, UUID.randomUUID(), idled, before.plusSeconds(300)));
        deliver(idled, presence(PresenceConnected.TYPE, UUID.randomUUID(), idled, before.plusSeconds(400)));
        UUID marker = UUID.randomUUID();
        deliver(chose, presence(PresenceConnected.TYPE, marker, chose, before.plusSeconds(400)));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> statusEvents(idled) == 2);
        assertThat(status(idled)).isEqualTo("ONLINE");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_message WHERE message_id = ?", Long.class, marker) == 1);
        assertThat(status(chose)).isEqualTo("AWAY");
        assertThat(statusEvents(chose)).isZero();
    }

    @Test
    void aDisconnectTakesAnyStatusOfflineButAStaleOneIsIgnored() {
        Instant changed = Instant.parse("2026-06-01T12:00:00Z");
        UUID busy = agent("BUSY", changed);
        UUID stale = agent("BUSY", changed);

        deliver(stale, presence(PresenceDisconnected.TYPE, UUID.randomUUID(), stale, changed.minusSeconds(5)));
        deliver(busy, presence(PresenceConnected.TYPE, UUID.randomUUID(), busy, changed.plusSeconds(1)));
        deliver(busy, presence(PresenceDisconnected.TYPE, UUID.randomUUID(), busy, changed.plusSeconds(2)));
        UUID marker = UUID.randomUUID();
        deliver(stale, presence(PresenceConnected.TYPE, marker, stale, changed.plusSeconds(3)));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(busy).equals("OFFLINE"));
        // the marker came after the stale event on the same partition: once it is processed, so was that one
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_message WHERE message_id = ?", Long.class, marker) == 1);
        // connected keeps a chosen "busy"; the stale disconnect changed nothing
        assertThat(status(stale)).isEqualTo("BUSY");
        assertThat(statusEvents(stale)).isZero();
        assertThat(statusEvents(busy)).isEqualTo(1);
    }

    @Test
    void aPoisonMessageIsParkedOnTheDeadLetterTopicAndTheStreamMovesOn() {
        UUID poisonKey = UUID.randomUUID();
        deliver(poisonKey, "{\"this is\": \"not an envelope\"");
        UUID broken = UUID.randomUUID();
        deliver(broken, presence(PresenceConnected.TYPE, UUID.randomUUID(), broken, Instant.now()).replace(broken.toString(), "agent-42"));
        UUID next = agent("OFFLINE", Instant.parse("2026-01-01T00:00:00Z"));
        deliver(next, presence(PresenceConnected.TYPE, UUID.randomUUID(), next, Instant.now()));

        ConsumerRecord<String, String> parked = KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(),
                TOPIC + ".dlt", r -> poisonKey.toString().equals(r.key()), Duration.ofSeconds(30));
        assertThat(parked.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        assertThat(KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(), TOPIC + ".dlt",
                r -> broken.toString().equals(r.key()), Duration.ofSeconds(30)).value()).contains("agent-42");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(next).equals("ONLINE"));
    }

    @Test
    void presenceEventsWithEveryFieldAtItsSchemaLimitAreApplied() {
        Instant before = Instant.parse("2026-01-01T00:00:00Z");
        UUID connecting = agent("OFFLINE", before);
        UUID idling = agent("ONLINE", before);
        UUID leaving = agent("ONLINE", before);

        deliver(connecting, MaximalEvents.of(PresenceConnected.TYPE).replace(GOLDEN_AGENT, connecting.toString()));
        deliver(idling, MaximalEvents.of(PresenceIdle.TYPE).replace(GOLDEN_AGENT, idling.toString()));
        deliver(leaving, MaximalEvents.of(PresenceDisconnected.TYPE).replace(GOLDEN_AGENT, leaving.toString()));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(connecting).equals("ONLINE")
                && status(idling).equals("AWAY") && status(leaving).equals("OFFLINE"));
    }
}
