package com.quimbi.crm.ticket.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.test.TestInfrastructure;

@SpringBootTest
@DirtiesContext
class TicketOutboxIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        // partner events other test classes publish (a Gorgias import adds a ticket) must not change counts here
        registry.add("spring.kafka.listener.auto-startup", () -> "false");
    }

    @Autowired
    TicketService tickets;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    static CreateTicketRequest request(String subject) {
        return new CreateTicketRequest(subject, "It broke.", TicketPriority.URGENT, TicketChannel.CHAT,
                "sam@example.com");
    }

    @Test
    void openingATicketWritesExactlyOneContractValidEvent() {
        Ticket ticket = tickets.open(request("Payment failed twice"), Actor.agent("agent-7"));

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT aggregatetype, aggregateid, type, payload::text AS payload FROM outbox WHERE aggregateid = ?",
                ticket.getId().toString());
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).containsEntry("aggregatetype", "ticket").containsEntry("type", "ticket.created");
        String payload = (String) rows.getFirst().get("payload");
        EventContracts.assertValid(payload);
        assertThat(payload).contains("\"number\": \"" + ticket.getNumber() + "\"")
                .contains("\"priority\": \"urgent\"").contains("\"actor\": {\"id\": \"agent-7\", \"type\": \"agent\"}");
    }

    @Test
    void whenTheTransactionRollsBackNeitherTicketNorEventRemain() {
        long ticketsBefore = count("ticket");
        long eventsBefore = count("outbox");

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            tickets.open(request("Never happened"), Actor.SYSTEM);
            throw new IllegalStateException("a later step of the same use case failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(count("ticket")).isEqualTo(ticketsBefore);
        assertThat(count("outbox")).isEqualTo(eventsBefore);
    }

    @Test
    void everyTicketChangeWritesContractValidEventsInItsTransaction() {
        Ticket ticket = tickets.open(new CreateTicketRequest("Wrong size", "Need an exchange.", TicketPriority.NORMAL,
                TicketChannel.WEB, "lee@example.com", "Lee", "en", List.of("exchange"), null), Actor.agent("agent-7"));
        Actor agent = Actor.agent("agent-7");

        tickets.update(ticket.getId(), new UpdateTicketRequest("Wrong size (XL)", TicketStatus.PENDING,
                TicketPriority.HIGH, null, null, "returns", null, null), 0L, agent);
        tickets.delete(ticket.getId(), Actor.agent("supervisor-1"));

        List<String> events = jdbc.queryForList("SELECT payload::text FROM outbox WHERE aggregateid = ? ORDER BY occurredat, type",
                String.class, ticket.getId().toString());
        assertThat(events).hasSize(4);
        events.forEach(EventContracts::assertValid);
        String all = String.join("\n", events);
        assertThat(all).contains("\"type\": \"ticket.created\"").contains("\"type\": \"ticket.updated\"")
                .contains("\"type\": \"ticket.status_changed\"").contains("\"type\": \"ticket.deleted\"")
                .contains("\"customerId\": \"" + ticket.getCustomerId() + "\"")
                .contains("\"priority\": {\"new\": \"high\", \"old\": \"normal\"}");
        EventContracts.assertValid(jdbc.queryForObject("SELECT payload::text FROM outbox WHERE aggregateid = ?",
                String.class, ticket.getCustomerId().toString()));
    }

    @Test
    void aRefusedChangeLeavesNoEventAndNoAuditLine() {
        Ticket ticket = tickets.open(request("Closed for good"), Actor.SYSTEM);
        tickets.update(ticket.getId(), new UpdateTicketRequest(null, TicketStatus.CLOSED, null, null, null, null, null,
                null), null, Actor.SYSTEM);
        long events = count("outbox");
        long audit = count("ticket_activity");

        assertThatThrownBy(() -> tickets.update(ticket.getId(), new UpdateTicketRequest(null, TicketStatus.OPEN,
                TicketPriority.LOW, null, null, null, null, null), null, Actor.SYSTEM))
                .isInstanceOf(com.quimbi.crm.platform.problem.ConflictException.class);

        assertThat(count("outbox")).isEqualTo(events);
        assertThat(count("ticket_activity")).isEqualTo(audit);
        assertThat(tickets.get(ticket.getId()).getPriority()).isEqualTo(TicketPriority.URGENT);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
