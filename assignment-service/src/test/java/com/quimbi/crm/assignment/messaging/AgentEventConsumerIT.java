package com.quimbi.crm.assignment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.assignment.ReadModels;
import com.quimbi.crm.assignment.assignment.AssignmentService;
import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

/** Agent events, each delivered twice: one effect; availability drains the queue, leaving empties it. */
@SpringBootTest
@DirtiesContext
class AgentEventConsumerIT {

    static final String GOLDEN_AGENT = "5b0c2f3e-2d7a-4c1e-9a55-0f6e8d7c1b2a";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.assignment.offline-check-interval", () -> "1h");
        registry.add("crm.assignment.offline-grace", () -> "5m");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AssignmentService assignments;

    static void deliverTwice(UUID agent, String event) {
        for (int i = 0; i < 2; i++) {
            KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), "crm.agent.events", agent.toString(), event,
                    Map.of("eventType", "test"));
        }
    }

    /** The golden event about {@code agent}, available around the clock (the golden works Mon-Fri 9-17 Madrid). */
    static String golden(String type, UUID agent) {
        return ReadModels.golden(type, Map.of(GOLDEN_AGENT, agent.toString()))
                .replaceAll("\"workingHours\":\\{[^}]*\\},", "");
    }

    boolean processed(String event) {
        String id = event.substring(event.indexOf("\"id\":\"") + 6, event.indexOf("\"id\":\"") + 42);
        return jdbc.queryForObject("SELECT count(*) FROM processed_message WHERE message_id = ?::uuid", Long.class, id) == 1;
    }

    /** A ticket at the head of the queue (urgent, waiting since long ago), so a drain offers it first. */
    UUID waitingTicket() {
        UUID ticket = ReadModels.ticket(jdbc, "new", "urgent");
        jdbc.update("UPDATE ticket SET waiting_since = '2000-01-01T00:00:00Z', waiting_reason = 'no eligible agent' WHERE id = ?", ticket);
        return ticket;
    }

    List<String> events(UUID ticket) {
        return jdbc.queryForList("SELECT type FROM outbox WHERE aggregateid = ? ORDER BY occurredat, id", String.class,
                ticket.toString());
    }

    @Test
    void anAgentsGoldenEventsEachDeliveredTwiceHaveOneEffectEach() {
        UUID agent = UUID.randomUUID();
        String created = golden("agent.created", agent);
        deliverTwice(agent, created);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(created));
        assertThat(jdbc.queryForMap("SELECT status, seniority, max_concurrent_tickets, skills::text, languages::text FROM agent_profile WHERE id = ?", agent))
                .containsEntry("status", "offline").containsEntry("seniority", "senior").containsEntry("max_concurrent_tickets", 8)
                .containsEntry("skills", "{billing,returns}").containsEntry("languages", "{en,es}");

        String updated = golden("agent.updated", agent);
        deliverTwice(agent, updated);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(updated));
        assertThat(jdbc.queryForObject("SELECT seniority FROM agent_profile WHERE id = ?", String.class, agent)).isEqualTo("lead");

        // coming online drains the queue to them: the waiting ticket is theirs, once
        jdbc.update("UPDATE agent_profile SET status = 'offline' WHERE id <> ?", agent); // other tests' agents
        UUID ticket = waitingTicket();
        String online = golden("agent.status_changed", agent);
        deliverTwice(agent, online);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("assignment.assigned"));
        assertThat(jdbc.queryForObject("SELECT agent_id FROM ticket_assignment WHERE ticket_id = ?", UUID.class, ticket)).isEqualTo(agent);

        // deactivated: their ticket goes back to the queue at once, once
        jdbc.update("UPDATE agent_profile SET status = 'offline' WHERE id <> ?", agent);
        String deactivated = golden("agent.deactivated", agent);
        deliverTwice(agent, deactivated);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("assignment.unassigned"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(deactivated));
        assertThat(events(ticket)).containsExactly("assignment.assigned", "assignment.unassigned");
        assertThat(jdbc.queryForObject("SELECT active FROM agent_profile WHERE id = ?", Boolean.class, agent)).isFalse();
        assertThat(jdbc.queryForObject("SELECT waiting_reason FROM ticket WHERE id = ?", String.class, ticket)).startsWith("no eligible agent:");
        jdbc.queryForList("SELECT payload::text FROM outbox WHERE aggregateid = ?", String.class, ticket.toString())
                .forEach(EventContracts::assertValid);
    }

    @Test
    void anAgentOfflinePastTheGracePeriodLosesUnacceptedAndOpenTicketsButKeepsPendingOnes() {
        UUID gone = ReadModels.agent(jdbc, "online", 5);
        UUID open = ReadModels.ticket(jdbc, "open", "normal");
        UUID pendingAccepted = ReadModels.ticket(jdbc, "pending", "normal");
        var self = new com.quimbi.crm.assignment.assignment.Caller(gone.toString(), false);
        assignments.assign(open, gone, false, null, self);
        assignments.assign(pendingAccepted, gone, false, null, self);
        assignments.accept(pendingAccepted, self);
        UUID colleague = ReadModels.agent(jdbc, "offline", 5);

        // offline for two minutes: still inside the grace period, nothing moves
        jdbc.update("UPDATE agent_profile SET status = 'offline', status_changed_at = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(120)), gone);
        assignments.sweep();
        assertThat(events(open)).containsExactly("assignment.assigned");

        // ten minutes: the open ticket goes to the colleague who came online, the accepted pending one stays
        jdbc.update("UPDATE agent_profile SET status_changed_at = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(600)), gone);
        jdbc.update("UPDATE agent_profile SET status = 'online' WHERE id = ?", colleague);
        assignments.sweep();
        assertThat(events(open)).containsExactly("assignment.assigned", "assignment.unassigned", "assignment.assigned");
        assertThat(jdbc.queryForObject("""
                SELECT agent_id FROM ticket_assignment WHERE ticket_id = ? AND status = 'assigned'""", UUID.class, open))
                .isEqualTo(colleague);
        assertThat(jdbc.queryForObject("SELECT payload::text FROM outbox WHERE aggregateid = ? AND type = 'assignment.unassigned'",
                String.class, open.toString())).contains("\"reason\": \"agent_offline\"");
        assertThat(events(pendingAccepted)).containsExactly("assignment.assigned", "assignment.accepted");
    }

    @Test
    void aPoisonAgentEventIsParkedOnTheDeadLetterTopic() {
        UUID broken = UUID.randomUUID();
        deliverTwice(broken, golden("agent.created", broken).replace("\"timezone\":\"Europe/Madrid\"", "\"timezone\":\"Mars/Olympus\""));
        assertThat(KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(), "crm.agent.events.dlt",
                r -> broken.toString().equals(r.key()), Duration.ofSeconds(30)).value()).contains("Mars/Olympus");
    }
}
