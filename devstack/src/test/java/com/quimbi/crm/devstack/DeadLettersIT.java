package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./crm dlt} against a real broker: parked events are listed with why, and a replay is the same event. */
class DeadLettersIT {

    private static final Path DIR = Path.of("target", "it", "dead-letters").toAbsolutePath();
    private static KafkaBroker kafka;

    @BeforeAll
    static void startKafka() {
        Files2.deleteRecursively(DIR);
        kafka = KafkaBroker.start(DIR.resolve("kafka"), 0, 0);
        kafka.createTopics(List.of("crm.demo.events", "crm.demo.events.dlt", "crm.other.events"), 1);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void parkedEventsAreListedWithWhyAndAReplayPutsTheSameEventBackOnItsTopic() throws Exception {
        park("ticket-1", "evt-1", "{\"id\":\"evt-1\",\"data\":{\"category\":\"a very long category\"}}",
                "value too long for type character varying(32)");
        park("ticket-2", "evt-2", "{\"id\":\"evt-2\"}", "boom");

        DeadLetters dlt = new DeadLetters(kafka.bootstrapServers());
        List<DeadLetters.Parked> parked = dlt.list(null);
        assertThat(parked).extracting(DeadLetters.Parked::eventId).containsExactly("evt-1", "evt-2");
        DeadLetters.Parked first = parked.getFirst();
        assertThat(first.dltTopic()).isEqualTo("crm.demo.events.dlt");
        assertThat(first.originalTopic()).isEqualTo("crm.demo.events");
        assertThat(first.group()).isEqualTo("sla-service");
        assertThat(first.error()).contains("varying(32)");
        assertThat(dlt.list("crm.other.events")).isEmpty();

        assertThat(dlt.replay(first)).isEqualTo("crm.demo.events");

        ConsumerRecord<String, String> replayed = only("crm.demo.events");
        assertThat(replayed.key()).isEqualTo("ticket-1");
        assertThat(replayed.value()).isEqualTo(first.value());
        assertThat(header(replayed, "id")).isEqualTo("evt-1");
        assertThat(header(replayed, "eventType")).isEqualTo("ticket.updated");
        assertThat(header(replayed, DeadLetters.REPLAYED_FROM)).isEqualTo("crm.demo.events.dlt 0 0");
        List<String> names = new ArrayList<>();
        replayed.headers().forEach(h -> names.add(h.key()));
        assertThat(names).noneMatch(n -> n.startsWith("kafka_dlt-"));

        assertThat(DeadLetters.main(kafka.bootstrapServers(), List.of("list"))).isZero();
        assertThat(DeadLetters.main(kafka.bootstrapServers(), List.of("replay", "crm.demo.events", "0", "99"))).isEqualTo(1);
    }

    private static void park(String key, String eventId, String value, String why) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>("crm.demo.events.dlt", key, value);
        record.headers().add("id", bytes(eventId)).add("eventType", bytes("ticket.updated"))
                .add("kafka_dlt-original-topic", bytes("crm.demo.events"))
                .add("kafka_dlt-original-consumer-group", bytes("sla-service"))
                .add("kafka_dlt-exception-message", bytes(why));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static ConsumerRecord<String, String> only(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            assertThat(records).hasSize(1);
            return records.getFirst();
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
