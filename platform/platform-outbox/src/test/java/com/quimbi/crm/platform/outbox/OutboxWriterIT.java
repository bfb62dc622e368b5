package com.quimbi.crm.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.WireFormat;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.event.EventEnvelope;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.json.JsonMapper;

class OutboxWriterIT {

    static final JsonMapper JSON = JsonMapper.builder().addModule(WireFormat.module()).build();
    static final Instant NOW = Instant.parse("2026-11-26T09:15:00.123Z");

    static JdbcTemplate jdbc;
    static TransactionTemplate transaction;
    static OutboxWriter outbox;

    @BeforeAll
    static void database() throws IOException {
        TestInfrastructure.Database database = TestInfrastructure.freshDatabase();
        var dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
        jdbc = new JdbcTemplate(dataSource);
        try (InputStream in = OutboxWriter.class.getResourceAsStream("/db/migration/V0_1_0__platform_outbox.sql")) {
            jdbc.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        outbox = new OutboxWriter(jdbc, JSON, Clock.fixed(NOW, ZoneOffset.UTC), null);
    }

    @Test
    void aContractRecordIsAppendedWithTheTypeVersionAndAggregateOfItsContract() {
        TicketCreated created = golden("ticket.created", TicketCreated.class);

        EventEnvelope<TicketCreated> envelope = transaction.execute(
                status -> outbox.append(created.ticketId().toString(), Actor.agent("a-1"), created));

        Map<String, Object> row = jdbc.queryForMap("SELECT aggregatetype, aggregateid, type, payload::text AS payload"
                + " FROM outbox WHERE id = ?", envelope.id());
        assertThat(row).containsEntry("aggregatetype", "ticket").containsEntry("type", "ticket.created")
                .containsEntry("aggregateid", created.ticketId().toString());
        EventContracts.assertValid((String) row.get("payload"));
        assertThat(envelope.schemaVersion()).isEqualTo(1);
        assertThat(envelope.occurredAt()).isEqualTo(NOW);
    }

    @Test
    void messageEventsGoOutOnTheTicketAggregate() {
        MessageAdded added = golden("message.added", MessageAdded.class);

        EventEnvelope<MessageAdded> envelope = transaction.execute(
                status -> outbox.append(added.ticketId().toString(), Actor.SYSTEM, added));

        assertThat(envelope.aggregateType()).isEqualTo("ticket");
        EventContracts.assertValid(jdbc.queryForObject("SELECT payload::text FROM outbox WHERE id = ?", String.class,
                envelope.id()));
    }

    @Test
    void somethingThatIsNoContractIsRefused() {
        record Whatever(String x) {
        }
        assertThatThrownBy(() -> transaction.execute(status -> outbox.append("t-1", Actor.SYSTEM, new Whatever("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an event contract");
    }

    static <T> T golden(String type, Class<T> record) {
        return JSON.treeToValue(JSON.readTree(EventContracts.golden(type, 1)).path("data"), record);
    }
}
