package com.quimbi.crm.assignment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import com.quimbi.crm.assignment.assignment.Caller;
import com.quimbi.crm.assignment.assignment.QueueItem;
import com.quimbi.crm.assignment.ticket.QueueOrder;
import com.quimbi.crm.assignment.ticket.TicketView;
import com.quimbi.crm.assignment.ticket.Tickets;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

/** crm.sla.events: each golden event delivered twice has one effect; the queues follow the SLA deadlines. */
@SpringBootTest
@DirtiesContext
class SlaEventConsumerIT {

    static final String GOLDEN_TICKET = "0193a0c4-7a90-7d11-8e2f-3c4b5a697801";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.assignment.offline-check-interval", () -> "1h");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AssignmentService assignments;
    @Autowired
    Tickets tickets;

    static void deliver(UUID ticket, String event, int times) {
        for (int i = 0; i < times; i++) {
            KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), "crm.sla.events", ticket.toString(), event,
                    Map.of("eventType", "test"));
        }
    }

    long processedCount(String event) {
        String id = event.substring(event.indexOf("\"id\":\"") + 6, event.indexOf("\"id\":\"") + 42);
        return jdbc.queryForObject("SELECT count(*) FROM processed_message WHERE message_id = ?::uuid", Long.class, id);
    }

    void awaitProcessed(String event) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processedCount(event) == 1);
    }

    Map<String, Object> sla(UUID ticket) {
        return jdbc.queryForMap("SELECT sla_state, sla_next_deadline, sla_computed_at, updated_at FROM ticket WHERE id = ?",
                ticket);
    }

    /** sla.clock_updated for the ticket: deadline null = no running clock (the field is left out). */
    static String clockUpdated(UUID ticket, String state, Instant deadline, Instant computedAt) {
        String event = ReadModels.golden("sla.clock_updated", Map.of(GOLDEN_TICKET, ticket.toString()))
                .replace("\"state\":\"on_track\"", "\"state\":\"" + state + "\"")
                .replace("\"computedAt\":\"2026-11-26T09:15:01.200Z\"", "\"computedAt\":\"" + computedAt + "\"");
        return deadline == null ? event.replace("\"nextDeadline\":\"2026-11-26T13:15:00.000Z\",", "")
                : event.replace("\"nextDeadline\":\"2026-11-26T13:15:00.000Z\"", "\"nextDeadline\":\"" + deadline + "\"");
    }

    @Test
    void goldenEventsDeliveredTwiceHaveOneEffectAndTheLatestComputedAtWins() {
        UUID ticket = ReadModels.ticket(jdbc, "open", "normal");

        String golden = ReadModels.golden("sla.clock_updated", Map.of(GOLDEN_TICKET, ticket.toString()));
        assertThat(golden).contains("\"nextDeadline\":\"2026-11-26T13:15:00.000Z\"");
        deliver(ticket, golden, 2);
        awaitProcessed(golden);
        Map<String, Object> first = sla(ticket);
        assertThat(first).containsEntry("sla_state", "on_track")
                .containsEntry("sla_next_deadline", Timestamp.from(Instant.parse("2026-11-26T13:15:00Z")))
                .containsEntry("sla_computed_at", Timestamp.from(Instant.parse("2026-11-26T09:15:01.200Z")));

        // an older computation arriving late changes nothing
        String stale = clockUpdated(ticket, "paused", null, Instant.parse("2026-11-26T09:00:00Z"));
        deliver(ticket, stale, 1);
        awaitProcessed(stale);
        assertThat(sla(ticket)).isEqualTo(first);

        // the golden breach (later): breached, its deadline; twice = one effect
        String breached = ReadModels.golden("sla.breached", Map.of(GOLDEN_TICKET, ticket.toString()));
        deliver(ticket, breached, 2);
        awaitProcessed(breached);
        Map<String, Object> afterBreach = sla(ticket);
        assertThat(afterBreach).containsEntry("sla_state", "breached")
                .containsEntry("sla_computed_at", Timestamp.from(Instant.parse("2026-11-26T13:15:00.500Z")));

        // a newer clock_updated without a deadline (the reply met it, the resolution clock is paused)
        String paused = clockUpdated(ticket, "paused", null, Instant.parse("2026-11-26T14:00:00Z"));
        deliver(ticket, paused, 2);
        awaitProcessed(paused);
        assertThat(sla(ticket)).containsEntry("sla_state", "paused").containsEntry("sla_next_deadline", null);
        assertThat(tickets.find(ticket).orElseThrow().slaState()).isEqualTo("paused");
    }

    @Test
    void anSlaEventBeforeItsTicketKeepsTheDeadlineUntilTicketCreatedCompletesTheRow() {
        UUID ticket = UUID.randomUUID();
        Instant deadline = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        String event = clockUpdated(ticket, "at_risk", deadline, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        deliver(ticket, event, 1);
        awaitProcessed(event);
        TicketView known = tickets.find(ticket).orElseThrow();
        assertThat(known.status()).isNull();
        assertThat(known.slaNextDeadline()).isEqualTo(deadline);
    }

    @Test
    void anAgentsQueueFollowsTheDeadlines() {
        jdbc.update("UPDATE ticket SET waiting_since = NULL");
        UUID agent = ReadModels.agent(jdbc, "offline", 10);
        Caller supervisor = new Caller(UUID.randomUUID().toString(), true);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID urgentIn3h = ReadModels.ticket(jdbc, "open", "urgent");
        UUID lowIn1h = ReadModels.ticket(jdbc, "open", "low");
        UUID normalPaused = ReadModels.ticket(jdbc, "pending", "normal");
        UUID normalBreached = ReadModels.ticket(jdbc, "open", "normal");
        UUID highNoSla = ReadModels.ticket(jdbc, "open", "high");
        for (UUID t : List.of(urgentIn3h, lowIn1h, normalPaused, normalBreached, highNoSla)) {
            assignments.assign(t, agent, false, null, supervisor);
        }
        // before any sla event: priority decides
        assertThat(assignments.queue(agent).tickets()).extracting(QueueItem::ticketId).startsWith(urgentIn3h, highNoSla);

        List<String> events = List.of(clockUpdated(urgentIn3h, "on_track", now.plus(3, ChronoUnit.HOURS), now),
                clockUpdated(lowIn1h, "at_risk", now.plus(1, ChronoUnit.HOURS), now),
                clockUpdated(normalPaused, "paused", null, now),
                clockUpdated(normalBreached, "breached", now.minus(10, ChronoUnit.MINUTES), now));
        List<UUID> keys = List.of(urgentIn3h, lowIn1h, normalPaused, normalBreached);
        for (int i = 0; i < events.size(); i++) {
            deliver(keys.get(i), events.get(i), 2);
        }
        events.forEach(this::awaitProcessed);

        List<QueueItem> queue = assignments.queue(agent).tickets();
        assertThat(queue).extracting(QueueItem::ticketId)
                .containsExactly(normalBreached, lowIn1h, urgentIn3h, highNoSla, normalPaused);
        assertThat(queue.getFirst().slaState()).isEqualTo("breached");
        assertThat(queue.get(1).slaNextDeadline()).isEqualTo(now.plus(1, ChronoUnit.HOURS));
    }

    @Test
    void theBacklogDrainsEarliestDeadlineFirst() {
        jdbc.update("UPDATE agent_profile SET status = 'offline'");
        jdbc.update("UPDATE ticket SET waiting_since = NULL");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID oldUrgentNoSla = ReadModels.ticket(jdbc, "new", "urgent");
        UUID lowIn2h = ReadModels.ticket(jdbc, "new", "low");
        UUID normalIn30m = ReadModels.ticket(jdbc, "new", "normal");
        for (UUID t : List.of(oldUrgentNoSla, lowIn2h, normalIn30m)) {
            assertThat(assignments.autoAssign(t).waitingReason()).startsWith("no eligible agent:");
        }
        String e1 = clockUpdated(lowIn2h, "on_track", now.plus(2, ChronoUnit.HOURS), now);
        String e2 = clockUpdated(normalIn30m, "at_risk", now.plus(30, ChronoUnit.MINUTES), now);
        deliver(lowIn2h, e1, 1);
        deliver(normalIn30m, e2, 1);
        awaitProcessed(e1);
        awaitProcessed(e2);
        assertThat(assignments.unassigned(null, 10)).extracting(w -> w.ticket().id())
                .containsExactly(normalIn30m, lowIn2h, oldUrgentNoSla);

        UUID arriving = ReadModels.agent(jdbc, "online", 2);
        assignments.drain();
        assertThat(jdbc.queryForList("SELECT ticket_id FROM ticket_assignment WHERE agent_id = ?", UUID.class, arriving))
                .containsExactlyInAnyOrder(normalIn30m, lowIn2h);
        assertThat(tickets.find(oldUrgentNoSla).orElseThrow().waitingReason()).contains("at capacity");
    }

    /** Postgres's generated rank columns and QueueOrder's Java ranks give the same order, page by page. */
    @Test
    void theSqlOrderIsQueueOrder() {
        jdbc.update("UPDATE agent_profile SET status = 'offline'");
        jdbc.update("UPDATE ticket SET waiting_since = NULL");
        Random random = new Random(5);
        String[] states = { null, "on_track", "at_risk", "breached", "paused", "met" };
        String[] tiers = { null, "standard", "vip" };
        String[] churn = { null, "low", "medium", "high" };
        String[] priorities = { "low", "normal", "high", "urgent" };
        Instant base = Instant.parse("2026-11-26T09:00:00Z");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            String state = states[random.nextInt(states.length)];
            Instant deadline = state == null || state.equals("paused") || state.equals("met") ? null
                    : base.plusSeconds(600L * random.nextInt(4));
            ReadModels.ticket(jdbc, id, "new", priorities[random.nextInt(4)], base);
            jdbc.update("""
                    UPDATE ticket SET sla_state = ?, sla_next_deadline = ?, customer_tier = ?, churn_risk_level = ?,
                      waiting_since = ?, waiting_reason = 'test' WHERE id = ?""", state,
                    deadline == null ? null : Timestamp.from(deadline), tiers[random.nextInt(3)], churn[random.nextInt(4)],
                    Timestamp.from(base.plusSeconds(60L * random.nextInt(3))), id);
        }
        List<UUID> expected = ids.stream().map(id -> QueueOrder.backlogKey(tickets.find(id).orElseThrow()))
                .sorted(QueueOrder.ORDER).map(QueueOrder.Key::id).toList();

        assertThat(tickets.waitingIds(100)).containsExactlyElementsOf(expected);
        List<UUID> paged = new ArrayList<>();
        QueueOrder.Key after = null;
        for (int page = 0; page < 20; page++) {
            List<Tickets.Waiting> rows = tickets.waiting(after, 7);
            if (rows.isEmpty()) {
                break;
            }
            rows.forEach(w -> paged.add(w.ticket().id()));
            after = rows.getLast().key();
            assertThat(after).isEqualTo(QueueOrder.backlogKey(rows.getLast().ticket()));
        }
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(expected.stream().map(id -> tickets.find(id).orElseThrow()).map(TicketView::slaState).toList().getFirst())
                .isEqualTo("breached");
    }
}
