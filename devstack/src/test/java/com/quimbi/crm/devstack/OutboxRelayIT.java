package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real infra/debezium/ticket-service.json, over the real platform-outbox migrations: relays an outbox row to
 * crm.ticket.events, and its heartbeats keep the replication slot moving while only other tables change.
 */
class OutboxRelayIT {

    private static final Path DIR = Path.of("target", "it", "outbox-relay").toAbsolutePath();
    private static final Path CONNECTOR = CrmHome.repoRoot().resolve("infra/debezium/ticket-service.json");
    private static final Path OUTBOX_MIGRATIONS = CrmHome.repoRoot().resolve("platform/platform-outbox/src/main/resources/db/migration");
    private static final String SLOT = "ticket_service_outbox";

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static KafkaConnect connect;

    @BeforeAll
    static void startServers() throws Exception {
        Files2.deleteRecursively(DIR);
        postgres = PostgresServer.start(DIR.resolve("postgres"), 0, false);
        postgres.ensureDatabase("ticket", "ticket_service", "ticket_service");
        try (Connection c = ticketDatabase(); Statement s = c.createStatement()) {
            // what every publishing service gets from platform-outbox: the connector depends on its table and
            // column names; versioned before repeatable, as Flyway runs them
            s.execute(Files.readString(OUTBOX_MIGRATIONS.resolve("V0_1_0__platform_outbox.sql")));
            s.execute(Files.readString(OUTBOX_MIGRATIONS.resolve("R__platform_outbox_heartbeat.sql")));
            // a busy table of the service that the connector does not capture
            s.execute("CREATE TABLE ticket_note (id bigserial PRIMARY KEY, body text NOT NULL)");
        }
        kafka = KafkaBroker.start(DIR.resolve("kafka"), 0, 0);
        kafka.createTopics(List.of("crm.ticket.events", "crm.outbox.heartbeats"));
        connect = KafkaConnect.start(DIR.resolve("connect"), 0, kafka.bootstrapServers(), Map.of(
                "CRM_TICKET_DB_HOST", "localhost",
                "CRM_TICKET_DB_PORT", String.valueOf(postgres.port()),
                "CRM_TICKET_DB_NAME", "ticket",
                "CRM_TICKET_DB_USER", "ticket_service",
                "CRM_TICKET_DB_PASSWORD", "ticket_service"), List.of(CONNECTOR));
        connect.awaitConnectorRunning(KafkaConnect.connectorName(CONNECTOR), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable server : new AutoCloseable[] {connect, kafka, postgres}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void outboxRowArrivesKeyedByAggregateWithPayloadAndHeaders() throws Exception {
        UUID eventId = UUID.randomUUID();
        String ticketId = UUID.randomUUID().toString();
        String payload = "{\"id\":\"" + eventId + "\",\"type\":\"ticket.created\",\"aggregateId\":\"" + ticketId + "\",\"data\":{\"subject\":\"Where is my order?\"}}";
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        try (Connection c = ticketDatabase()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, traceparent, occurredat) VALUES (?, 'ticket', ?, 'ticket.created', ?::jsonb, ?, now())")) {
                insert.setObject(1, eventId);
                insert.setString(2, ticketId);
                insert.setString(3, payload);
                insert.setString(4, traceparent);
                insert.executeUpdate();
            }
            c.commit();
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("crm.ticket.events"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.stream().anyMatch(r -> ticketId.equals(r.key()));
            });
        }

        ConsumerRecord<String, String> record = received.stream().filter(r -> ticketId.equals(r.key())).findFirst().orElseThrow();
        // jsonb normalises key order and spacing: compare as trees
        assertThat(Http.JSON.readTree(record.value())).isEqualTo(Http.JSON.readTree(payload));
        assertThat(header(record, "id")).isEqualTo(eventId.toString());
        assertThat(header(record, "eventType")).isEqualTo("ticket.created");
        assertThat(header(record, "traceparent")).isEqualTo(traceparent);
    }

    @Test
    void heartbeatsMoveTheSlotWhileOnlyOtherTablesChange() throws Exception {
        String writtenUpTo;
        try (Connection c = ticketDatabase(); Statement s = c.createStatement()) {
            for (int i = 0; i < 20; i++) {
                s.executeUpdate("INSERT INTO ticket_note (body) SELECT repeat('x', 200) FROM generate_series(1, 500)");
            }
            writtenUpTo = queryString(c, "SELECT pg_current_wal_lsn()::text");
        }

        // without heartbeats the slot stays where the last outbox change left it, holding all WAL written since
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            try (Connection c = ticketDatabase()) {
                String confirmed = queryString(c, "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'");
                assertThat(queryString(c, "SELECT ('" + confirmed + "'::pg_lsn >= '" + writtenUpTo + "'::pg_lsn)::text"))
                        .as("confirmed_flush_lsn %s of slot %s reached %s", confirmed, SLOT, writtenUpTo)
                        .isEqualTo("true");
            }
        });

        // the heartbeat records went to the one heartbeat topic (their offsets, once produced, are what the connector
        // acknowledges); the heartbeat table's own change events were dropped, and the outbox router let both be
        connect.awaitConnectorRunning(KafkaConnect.connectorName(CONNECTOR), Duration.ofSeconds(5));
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("crm.outbox.heartbeats"));
            List<ConsumerRecord<String, String>> heartbeats = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(heartbeats::add);
                return !heartbeats.isEmpty();
            });
            assertThat(heartbeats).allSatisfy(h -> assertThat(h.key()).contains("ticket-service"));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // this broker auto-creates topics: a leaked heartbeat record or row would show up as a topic
            assertThat(admin.listTopics().names().get()).noneMatch(t -> t.contains("debezium"));
        }
        try (Connection c = ticketDatabase()) {
            assertThat(queryString(c, "SELECT count(*)::text FROM debezium_heartbeat")).isEqualTo("1");
        }
    }

    private static String queryString(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name + " in " + record.headers()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Connection ticketDatabase() throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl("ticket"), "ticket_service", "ticket_service");
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-relay-it");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }
}
