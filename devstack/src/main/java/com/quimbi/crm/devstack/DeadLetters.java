package com.quimbi.crm.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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

/**
 * The events consumers parked on {@code <topic>.dlt} after their retries ({@code ./crm dlt}): list them with why,
 * show one, and replay one or all onto their original topic once the cause is fixed. A replay carries the same event
 * (same id, key and headers), so every consumer's inbox applies it at most once: the consumers that had applied it
 * skip it, the one that parked it applies it now.
 */
public final class DeadLetters {

    static final String DLT_SUFFIX = ".dlt";
    static final String REPLAYED_FROM = "crm-replayed-from";

    private final String bootstrap;

    public DeadLetters(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** One parked event: where it is, what it is, who parked it and why. */
    public record Parked(String dltTopic, int partition, long offset, String key, String eventId, String eventType,
            String group, String error, Instant parkedAt, String value, Map<String, byte[]> headers) {

        public String originalTopic() {
            byte[] original = headers.get("kafka_dlt-original-topic");
            return original != null ? new String(original, StandardCharsets.UTF_8)
                    : dltTopic.substring(0, dltTopic.length() - DLT_SUFFIX.length());
        }

        public String address() {
            return dltTopic + " " + partition + " " + offset;
        }
    }

    /** Every record on the dead-letter topics (or on {@code onlyTopic}), oldest first per partition. */
    public List<Parked> list(String onlyTopic) throws Exception {
        List<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.endsWith(DLT_SUFFIX))
                    .filter(t -> onlyTopic == null || t.equals(onlyTopic) || t.equals(onlyTopic + DLT_SUFFIX))
                    .sorted().toList();
        }
        List<Parked> parked = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    parked.add(parked(record));
                }
            }
        }
        parked.sort(Comparator.comparing(Parked::dltTopic).thenComparing(Parked::partition).thenComparing(Parked::offset));
        return parked;
    }

    /** Puts the parked event back on its original topic; returns that topic. */
    public String replay(Parked event) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.originalTopic(), event.key(), event.value());
        event.headers().forEach((name, value) -> {
            if (!name.startsWith("kafka_dlt-") && !name.equals(REPLAYED_FROM)) {
                record.headers().add(name, value);
            }
        });
        record.headers().add(REPLAYED_FROM, event.address().getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"), new StringSerializer(), new StringSerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
        return event.originalTopic();
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500"),
                new StringDeserializer(), new StringDeserializer());
    }

    private static Parked parked(ConsumerRecord<String, String> record) {
        Map<String, byte[]> headers = new java.util.LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return new Parked(record.topic(), record.partition(), record.offset(), record.key(),
                text(headers.get("id")), text(headers.get("eventType")), text(headers.get("kafka_dlt-original-consumer-group")),
                text(headers.get("kafka_dlt-exception-message")), Instant.ofEpochMilli(record.timestamp()), record.value(),
                headers);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** {@code ./crm dlt list [topic] | show <dlt-topic> <partition> <offset> | replay <dlt-topic> (<partition> <offset> | --all)}. */
    static int main(String bootstrap, List<String> args) throws Exception {
        DeadLetters dlt = new DeadLetters(bootstrap);
        String command = args.isEmpty() ? "list" : args.getFirst();
        switch (command) {
            case "list" -> {
                List<Parked> parked = dlt.list(args.size() > 1 ? args.get(1) : null);
                if (parked.isEmpty()) {
                    System.out.println("no parked events");
                    return 0;
                }
                System.out.printf("%-28s %4s %7s  %-36s %-28s %-22s %s%n", "dead-letter topic", "part", "offset",
                        "event id", "type", "consumer group", "why");
                for (Parked p : parked) {
                    System.out.printf("%-28s %4d %7d  %-36s %-28s %-22s %s%n", p.dltTopic(), p.partition(), p.offset(),
                            orDash(p.eventId()), orDash(p.eventType()), orDash(p.group()), oneLine(p.error()));
                }
                System.out.println(parked.size() + " parked; replay one with: ./crm dlt replay <topic> <part> <offset>");
                return 0;
            }
            case "show", "replay" -> {
                if (args.size() < 3) {
                    System.err.println("usage: ./crm dlt " + command + " <dlt-topic> <partition> <offset>"
                            + (command.equals("replay") ? " | ./crm dlt replay <dlt-topic> --all" : ""));
                    return 2;
                }
                String topic = args.get(1).endsWith(DLT_SUFFIX) ? args.get(1) : args.get(1) + DLT_SUFFIX;
                boolean all = args.get(2).equals("--all");
                List<Parked> chosen = dlt.list(topic).stream().filter(p -> all || (args.size() > 3
                        && p.partition() == Integer.parseInt(args.get(2)) && p.offset() == Long.parseLong(args.get(3))))
                        .toList();
                if (chosen.isEmpty()) {
                    System.err.println("no such parked event on " + topic);
                    return 1;
                }
                for (Parked p : chosen) {
                    if (command.equals("show")) {
                        System.out.println("topic: " + p.dltTopic() + " partition " + p.partition() + " offset " + p.offset()
                                + "\nparked at: " + p.parkedAt() + "\nkey: " + p.key() + "\nevent: " + p.eventId() + " ("
                                + p.eventType() + ")\ngroup: " + p.group() + "\nwhy: " + p.error() + "\nvalue: " + p.value());
                    } else {
                        System.out.println("replayed " + p.address() + " (" + orDash(p.eventId()) + ") onto "
                                + dlt.replay(p));
                    }
                }
                return 0;
            }
            default -> {
                System.err.println("usage: ./crm dlt [list [topic] | show <dlt-topic> <partition> <offset> | "
                        + "replay <dlt-topic> <partition> <offset> | replay <dlt-topic> --all]");
                return 2;
            }
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static String oneLine(String value) {
        if (value == null) {
            return "-";
        }
        String line = value.replaceAll("\\s+", " ");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }
}
