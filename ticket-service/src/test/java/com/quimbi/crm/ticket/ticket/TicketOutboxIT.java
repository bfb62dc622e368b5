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

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
