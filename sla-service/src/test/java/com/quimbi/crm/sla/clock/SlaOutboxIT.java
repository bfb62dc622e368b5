package com.quimbi.crm.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.sla.policy.Metric;
import com.quimbi.crm.sla.policy.PolicyRequest;
import com.quimbi.crm.sla.policy.PolicyService;
import com.quimbi.crm.sla.policy.SlaPolicy;
import com.quimbi.crm.sla.policy.TicketAttributes;
import com.quimbi.crm.test.TestInfrastructure;

/** Each clock change writes its state and contract-valid sla.* events in one transaction, once. */
@SpringBootTest
@DirtiesContext
class SlaOutboxIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.sla.scheduler.enabled", () -> "false"); // this test drives every step itself
    }

    @Autowired
    SlaClockService clocks;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PolicyService policies;

    static TicketAttributes urgent() {
        return new TicketAttributes("urgent", "email", null, null, List.of());
    }

    List<Map<String, Object>> events(UUID ticketId) {
        return jdbc.queryForList("""
                SELECT aggregatetype, type, payload::text AS payload FROM outbox WHERE aggregateid = ? ORDER BY occurredat, id""",
                ticketId.toString());
    }

    List<String> types(UUID ticketId) {
        return events(ticketId).stream().map(r -> (String) r.get("type")).toList();
    }

    @Test
    void aTicketsLifeWritesEveryEventTypeOnceAndValid() {
        UUID ticket = UUID.randomUUID();
        Instant now = Instant.now();
        // urgent = 1 h first reply in calendar hours: created 50 min ago it is past the 75 % warning
        clocks.ticketCreated(ticket, "#1", "new", urgent(), now.minus(Duration.ofMinutes(50)), UUID.randomUUID());
        assertThat(types(ticket)).containsExactly("sla.warning", "sla.clock_updated");
        assertThat((String) events(ticket).getLast().get("payload")).contains("\"state\": \"at_risk\"")
                .contains("\"metric\": \"first_response\"");

        clocks.messageAdded(ticket, false, now.minus(Duration.ofMinutes(40)), UUID.randomUUID());
        clocks.messageAdded(ticket, true, now.minus(Duration.ofMinutes(30)), UUID.randomUUID());
        clocks.statusChanged(ticket, "pending", now.minus(Duration.ofMinutes(20)), UUID.randomUUID());
        clocks.statusChanged(ticket, "open", now.minus(Duration.ofMinutes(10)), UUID.randomUUID());
        clocks.statusChanged(ticket, "solved", now.minus(Duration.ofMinutes(5)), UUID.randomUUID());

        List<Map<String, Object>> rows = events(ticket);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("aggregatetype")).isEqualTo("sla");
            EventContracts.assertValid((String) r.get("payload"));
        });
        assertThat(types(ticket)).containsSubsequence("sla.warning", "sla.met", "sla.paused", "sla.resumed", "sla.met");
        assertThat(types(ticket).stream().filter("sla.met"::equals)).hasSize(2); // first reply, resolution
        assertThat(types(ticket)).doesNotContain("sla.breached");
        String paused = rows.stream().filter(r -> r.get("type").equals("sla.paused")).findFirst().orElseThrow()
                .get("payload").toString();
        assertThat(paused).contains("\"reason\": \"pending\"").contains("\"next_response\"").contains("\"resolution\"")
                .doesNotContain("first_response");
        assertThat(rows.stream().filter(r -> r.get("type").equals("sla.resumed")).findFirst().orElseThrow().get("payload")
                .toString()).contains("\"deadlines\": {");
        // solved: nothing runs any more
        assertThat(rows.getLast().get("payload").toString()).contains("\"state\": \"met\"");

        // the same facts again change nothing
        int before = rows.size();
        clocks.statusChanged(ticket, "solved", now.minus(Duration.ofMinutes(4)), UUID.randomUUID());
        assertThat(events(ticket)).hasSize(before);
    }

    @Test
    void aTicketCreatedPastItsDeadlineIsBreachedOnceWithoutLateWarnings() {
        UUID ticket = UUID.randomUUID();
        clocks.ticketCreated(ticket, "#2", "open", urgent(), Instant.now().minus(Duration.ofHours(2)), UUID.randomUUID());
        clocks.statusChanged(ticket, "open", Instant.now(), UUID.randomUUID());
        assertThat(types(ticket)).containsExactly("sla.breached", "sla.clock_updated");
        events(ticket).forEach(r -> EventContracts.assertValid((String) r.get("payload")));
        assertThat(events(ticket).getFirst().get("payload").toString()).contains("\"clockId\"");
    }

    @Test
    void aPriorityChangeRecomputesTheDeadlinesFromTheTicketsHistory() {
        UUID ticket = UUID.randomUUID();
        // Postgres keeps microseconds
        Instant created = Instant.now().minus(Duration.ofMinutes(90)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        clocks.ticketCreated(ticket, "#3", "open", new TicketAttributes("low", "chat", null, null, List.of()), created,
                UUID.randomUUID());
        assertThat(types(ticket)).doesNotContain("sla.breached");

        // escalated to urgent 90 minutes after creation: the urgent 1 h first-reply target counts from creation
        clocks.attributesChanged(ticket, Map.of("priority", "urgent"));
        assertThat(types(ticket)).contains("sla.breached");
        Map<String, Object> firstReply = jdbc.queryForMap(
                "SELECT policy_id::text AS policy, deadline, target_seconds FROM sla_clock WHERE ticket_id = ? AND metric = 'first_response'",
                ticket);
        assertThat(firstReply.get("policy")).isEqualTo("0193a0c4-0000-7000-8000-00000000a001");
        assertThat(((java.sql.Timestamp) firstReply.get("deadline")).toInstant()).isEqualTo(created.plus(Duration.ofHours(1)));
        events(ticket).forEach(r -> EventContracts.assertValid((String) r.get("payload")));
    }

    @Test
    void internalHistoryIsKeptSoTheTicketViewIsComputedAtAnyTime() {
        UUID ticket = UUID.randomUUID();
        clocks.ticketCreated(ticket, "#4", "new", urgent(), Instant.now().minus(Duration.ofMinutes(10)), UUID.randomUUID());
        SlaClockService.TicketSla sla = clocks.ticket(ticket);
        SlaClock first = sla.clocks().stream().filter(c -> c.metric().toString().equals("first_response")).findFirst().orElseThrow();
        assertThat(first.elapsedSeconds()).isBetween(600L, 700L);
        assertThat(first.state()).isEqualTo("on_track");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sla_ticket_event WHERE ticket_id = ?", Long.class, ticket)).isEqualTo(1);
    }

    @Test
    void aPeriodicUpdateTargetMeasuresFromEachPublicAgentReplyToTheNext() {
        // tickets tagged "periodic-sla": first reply in 1 h, a public update every 2 h (calendar hours)
        policies.create(new PolicyRequest("Periodic (test)", 1, true,
                new SlaPolicy.Conditions(List.of(), List.of(), List.of(), List.of(), List.of("periodic-sla")),
                List.of(new PolicyRequest.TargetRequest(Metric.FIRST_RESPONSE, Duration.ofHours(1), false, null),
                        new PolicyRequest.TargetRequest(Metric.PERIODIC_UPDATE, Duration.ofHours(2), false, null)),
                List.of(75)));
        UUID ticket = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        clocks.ticketCreated(ticket, "#5", "open", new TicketAttributes("normal", "email", null, null,
                List.of("periodic-sla")), now.minus(Duration.ofMinutes(60)), UUID.randomUUID());
        assertThat(clocks.ticket(ticket).clocks()).extracting(SlaClock::metric).containsExactly(Metric.FIRST_RESPONSE);

        // the first public reply meets first_response and starts cycle 0; a customer message changes nothing
        Instant firstReply = now.minus(Duration.ofMinutes(50));
        clocks.messageAdded(ticket, false, firstReply, UUID.randomUUID());
        clocks.messageAdded(ticket, true, now.minus(Duration.ofMinutes(45)), UUID.randomUUID());
        SlaClock running = periodic(ticket, 0);
        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(running.startedAt()).isEqualTo(firstReply);
        assertThat(running.deadline()).isEqualTo(firstReply.plus(Duration.ofHours(2)));
        assertThat(clocks.ticket(ticket).clocks().stream().filter(c -> c.metric() == Metric.PERIODIC_UPDATE)).hasSize(1);

        // the next public reply meets it (in time) and starts the next cycle
        Instant secondReply = now.minus(Duration.ofMinutes(10));
        clocks.messageAdded(ticket, false, secondReply, UUID.randomUUID());
        SlaClock met = periodic(ticket, 0);
        assertThat(met.status()).isEqualTo(RunStatus.MET);
        assertThat(met.endedAt()).isEqualTo(secondReply);
        assertThat(met.breached()).isFalse();
        SlaClock next = periodic(ticket, 1);
        assertThat(next.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(next.deadline()).isEqualTo(secondReply.plus(Duration.ofHours(2)));

        List<Map<String, Object>> rows = events(ticket);
        rows.forEach(r -> EventContracts.assertValid((String) r.get("payload")));
        List<String> metMetrics = rows.stream().filter(r -> r.get("type").equals("sla.met"))
                .map(r -> r.get("payload").toString()).toList();
        assertThat(metMetrics).hasSize(2);
        assertThat(metMetrics.get(0)).contains("\"metric\": \"first_response\"");
        assertThat(metMetrics.get(1)).contains("\"metric\": \"periodic_update\"").contains("\"breached\": false")
                .contains(met.id().toString());
        assertThat(rows.getLast().get("payload").toString()).contains("\"metric\": \"periodic_update\"")
                .contains(next.id().toString());

        // solved stops it without an outcome
        clocks.statusChanged(ticket, "solved", now.minus(Duration.ofMinutes(5)), UUID.randomUUID());
        assertThat(periodic(ticket, 1).status()).isEqualTo(RunStatus.STOPPED);
        assertThat(types(ticket).stream().filter("sla.met"::equals)).hasSize(2);
    }

    SlaClock periodic(UUID ticket, int cycle) {
        return clocks.ticket(ticket).clocks().stream().filter(c -> c.metric() == Metric.PERIODIC_UPDATE && c.cycle() == cycle)
                .findFirst().orElseThrow();
    }
}
