package com.quimbi.crm.assignment.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.contracts.assignment.CompletionReason;
import com.quimbi.crm.contracts.assignment.UnassignReason;
import com.quimbi.crm.assignment.ReadModels;
import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.test.TestInfrastructure;

/** Every assignment use case writes its state and contract-valid events, keyed by the ticket, in one transaction. */
@SpringBootTest
@DirtiesContext
class AssignmentOutboxIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.assignment.offline-check-interval", () -> "1h");
        // no consumers: the shared topics hold other test classes' agents and tickets
        registry.add("spring.kafka.listener.auto-startup", () -> "false");
    }

    @Autowired
    AssignmentService assignments;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    List<Map<String, Object>> outbox(UUID ticket) {
        return jdbc.queryForList("""
                SELECT aggregatetype, aggregateid, type, payload::text AS payload FROM outbox WHERE aggregateid = ?
                ORDER BY occurredat, id""", ticket.toString());
    }

    @Test
    void aTicketsWholeLifeIsPublishedInOrderAndEveryEventKeepsItsContract() {
        UUID ana = ReadModels.agent(jdbc, "online", 5);
        UUID ben = ReadModels.agent(jdbc, "online", 5);
        UUID ticket = ReadModels.ticket(jdbc, "new", "high");
        Caller anaCaller = new Caller(ana.toString(), false);
        Caller benCaller = new Caller(ben.toString(), false);

        TicketAssignment first = assignments.autoAssign(ticket).assignment();
        UUID firstAgent = first.agentId();
        UUID other = firstAgent.equals(ana) ? ben : ana;
        Caller firstCaller = firstAgent.equals(ana) ? anaCaller : benCaller;
        Caller otherCaller = firstAgent.equals(ana) ? benCaller : anaCaller;
        assignments.accept(ticket, firstCaller);
        assignments.accept(ticket, firstCaller); // again: no event
        TransferResult toOther = assignments.transfer(ticket, other, "Billing question, over to you", false, firstCaller);
        TransferResult toQueue = assignments.transfer(ticket, null, null, false, otherCaller);
        // the sender is skipped, so it lands with the first agent again
        assertThat(toQueue.assignment().agentId()).isEqualTo(firstAgent);
        transaction.executeWithoutResult(s -> assignments.ticketEnded(ticket, CompletionReason.SOLVED, Actor.SYSTEM));

        List<Map<String, Object>> rows = outbox(ticket);
        assertThat(rows).extracting(r -> r.get("type")).containsExactly("assignment.assigned", "assignment.accepted",
                "assignment.transferred", "assignment.assigned", "assignment.transferred", "assignment.unassigned",
                "assignment.assigned", "assignment.completed");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("aggregatetype")).isEqualTo("assignment");
            assertThat(r.get("aggregateid")).isEqualTo(ticket.toString());
            EventContracts.assertValid((String) r.get("payload"));
        });
        assertThat(payload(rows, 0)).contains("\"reason\": \"auto\"").contains("\"score\":").contains("\"type\": \"system\"");
        assertThat(payload(rows, 2)).contains("\"toAgentId\": \"" + other + "\"").contains("Billing question");
        assertThat(payload(rows, 3)).contains("\"reason\": \"transfer\"").contains("\"previousAssigneeId\": \"" + firstAgent + "\"");
        assertThat(payload(rows, 4)).contains("\"toAgentId\": null");
        assertThat(payload(rows, 5)).contains("\"reason\": \"queue\"").doesNotContain("waitingReason");
        assertThat(payload(rows, 7)).contains("\"reason\": \"solved\"");
        assertThat(toOther.ended().status()).isEqualTo(AssignmentStatus.TRANSFERRED);

        // the history keeps every assignment
        assertThat(assignments.history(ticket)).extracting(TicketAssignment::status).containsExactly(
                AssignmentStatus.TRANSFERRED, AssignmentStatus.TRANSFERRED, AssignmentStatus.COMPLETED);
    }

    @Test
    void anAgentLeavingSendsTheirTicketsBackToTheQueueWithTheReason() {
        UUID leaving = ReadModels.agent(jdbc, "online", 5);
        UUID ticket = ReadModels.ticket(jdbc, "open", "normal");
        assignments.assign(ticket, leaving, false, null, new Caller(leaving.toString(), false));
        jdbc.update("UPDATE agent_profile SET active = false WHERE id = ?", leaving);
        jdbc.update("UPDATE agent_profile SET status = 'offline' WHERE id <> ?", leaving); // nobody else may take it

        assignments.releaseAgent(leaving, UnassignReason.AGENT_DEACTIVATED, false);

        List<Map<String, Object>> rows = outbox(ticket);
        assertThat(rows).extracting(r -> r.get("type")).containsExactly("assignment.assigned", "assignment.unassigned");
        assertThat(payload(rows, 0)).contains("\"reason\": \"self\"");
        assertThat(payload(rows, 1)).contains("\"reason\": \"agent_deactivated\"")
                .contains("\"previousAssigneeId\": \"" + leaving + "\"").contains("\"waitingReason\": \"no eligible agent:");
        rows.forEach(r -> EventContracts.assertValid((String) r.get("payload")));
        assertThat(jdbc.queryForObject("SELECT waiting_reason FROM ticket WHERE id = ?", String.class, ticket))
                .startsWith("no eligible agent:");
    }

    @Test
    void aRefusedAssignmentWritesNothing() {
        UUID full = ReadModels.agent(jdbc, "online", 1);
        UUID supervisor = UUID.randomUUID();
        UUID first = ReadModels.ticket(jdbc, "new", "normal");
        UUID second = ReadModels.ticket(jdbc, "new", "normal");
        assignments.assign(first, full, false, null, new Caller(supervisor.toString(), true));

        assertThatThrownBy(() -> assignments.assign(second, full, false, null, new Caller(supervisor.toString(), true)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("at capacity");
        assertThat(outbox(second)).isEmpty();
        assertThat(assignments.history(second)).isEmpty();

        TicketAssignment forced = assignments.assign(second, full, true, "VIP escalation", new Caller(supervisor.toString(), true));
        assertThat(forced.forced()).isTrue();
        assertThat((String) outbox(second).getFirst().get("payload")).contains("\"forced\": true").contains("\"reason\": \"manual\"");
    }

    @Test
    void theBacklogDrainsToAnAgentMostUrgentFirstThenOldest() {
        jdbc.update("UPDATE agent_profile SET status = 'offline'");
        UUID oldLow = ReadModels.ticket(jdbc, "new", "low");
        UUID oldNormal = ReadModels.ticket(jdbc, "new", "normal");
        UUID newUrgent = ReadModels.ticket(jdbc, "new", "urgent");
        UUID newerNormal = ReadModels.ticket(jdbc, "new", "normal");
        for (UUID t : List.of(oldLow, oldNormal, newUrgent, newerNormal)) {
            assertThat(assignments.autoAssign(t).waitingReason()).startsWith("no eligible agent:");
        }

        UUID arriving = ReadModels.agent(jdbc, "online", 2);
        assignments.drain();

        assertThat(jdbc.queryForList("SELECT ticket_id FROM ticket_assignment WHERE agent_id = ?", UUID.class, arriving))
                .containsExactlyInAnyOrder(newUrgent, oldNormal);
        assertThat(jdbc.queryForObject("SELECT waiting_reason FROM ticket WHERE id = ?", String.class, newerNormal))
                .contains("at capacity");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket WHERE id = ? AND waiting_since IS NOT NULL",
                Integer.class, oldLow)).isEqualTo(1);
    }

    private static String payload(List<Map<String, Object>> rows, int index) {
        return (String) rows.get(index).get("payload");
    }
}
