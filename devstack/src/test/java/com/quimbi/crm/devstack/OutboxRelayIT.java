package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real infra/debezium/ticket-service.json relays an outbox row to crm.ticket.events. */
class OutboxRelayIT {

    private static final Path DIR = Path.of("target", "it", "outbox-relay").toAbsolutePath();
    private static final Path CONNECTOR = CrmHome.repoRoot().resolve("infra/debezium/ticket-service.json");

    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static KafkaConnect connect;

    @BeforeAll
    static void startServers() throws Exception {
        Files2.deleteRecursively(DIR);
        postgres = PostgresServer.start(DIR.resolve("postgres"), 0, false);
        postgres.ensureDatabase("ticket", "ticket_service", "ticket_service");
        try (Connection c = ticketDatabase(); Statement s = c.createStatement()) {
            // the platform-outbox migration's table: the connector's column names depend on it
            s.execute("""
                    CREATE TABLE outbox (
                        id uuid PRIMARY KEY, aggregatetype varchar(64) NOT NULL, aggregateid varchar(64) NOT NULL,
                        type varchar(128) NOT NULL, payload jsonb NOT NULL, traceparent varchar(64), occurredat timestamptz NOT NULL)""");
        }
        kafka = KafkaBroker.start(DIR.resolve("kafka"), 0, 0);
        kafka.createTopics(List.of("crm.ticket.events"));
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
