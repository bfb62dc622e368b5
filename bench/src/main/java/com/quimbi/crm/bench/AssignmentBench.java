package com.quimbi.crm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.agent.AgentCreated;
import com.quimbi.crm.contracts.agent.AgentStatusChanged;
import com.quimbi.crm.contracts.assignment.AssignmentAssigned;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * assignment-service's routing on a stack of its own (free ports, only assignment-service), fed straight
 * through Kafka:
 * <ol>
 * <li><b>seed</b>: {@code --agents} agents (agent.created offline, then agent.status_changed online) on
 * crm.agent.events, with skills, languages, seniorities and time zones, each with capacity {@code --capacity}
 * and no working hours (a 24/7 team); waits until the service's read model has them all online;</li>
 * <li><b>decisions per second</b>: {@code --tickets} ticket.created records produced to crm.ticket.events as
 * fast as the producer goes; every {@code assignment.assigned} on crm.assignment.events is counted as it
 * arrives (a consumer in this JVM, read_committed): decisions/s = tickets / (last assigned event − first
 * ticket sent), plus the rate between the 10th and the 90th percent of them (without the ramp-up and the
 * tail). At the end the assignment database is asked whether any agent is past capacity;</li>
 * <li><b>lag</b>: {@code --lag-samples} tickets one at a time, each from the producer's ack of its
 * ticket.created to the arrival of its assignment.assigned: consumer → AssignmentPolicy → Postgres (assignment
 * + outbox) → Debezium → Kafka → this consumer.</li>
 * </ol>
 * <pre>./mvnw -B -ntp -q -pl bench exec:exec -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath com.quimbi.crm.bench.AssignmentBench --agents 200 --tickets 10000 --lag-samples 200"</pre>
 * (options: --agents 200, --tickets 10000, --lag-samples 200, --capacity 60, --listener-concurrency N to try N
 * listener threads instead of the service's default 1; the service jar must be built:
 * {@code ./mvnw -o -q -pl assignment-service install -DskipTests})
 */
public final class AssignmentBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] SKILLS = { "billing", "shipping", "returns", "technical", "account", "product", "general" };
    private static final String[] LANGUAGES = { "en", "es", "de", "fr", "pt" };
    private static final String[] ZONES = { "Europe/Madrid", "Europe/Berlin", "America/New_York", "America/Sao_Paulo", "UTC" };
    private static final String[] FIRST = { "Maria", "John", "Ana", "Lukas", "Chloe", "Pedro", "Aisha", "Tom", "Mei", "Ravi" };
    private static final String[] LAST = { "Garcia", "Smith", "Silva", "Muller", "Martin", "Costa", "Khan", "Brown", "Wang", "Patel" };
    private static final String[] SUBJECTS = { "Where is my order?", "Refund not received", "Charged twice",
            "Cannot log in", "Item arrived damaged", "Change my address", "App crashes on checkout", "Wrong size" };

    public static void main(String[] args) throws Exception {
        Map<String, String> options = TicketCreateBench.options(args);
        int agents = Integer.parseInt(options.getOrDefault("agents", "200"));
        int tickets = Integer.parseInt(options.getOrDefault("tickets", "10000"));
        int lagSamples = Integer.parseInt(options.getOrDefault("lag-samples", "200"));
        int capacity = Integer.parseInt(options.getOrDefault("capacity", "60"));
        // listener threads of assignment-service (its default: Spring Kafka's 1); an experiment knob, not a setting
        String concurrency = options.get("listener-concurrency");
        if ((long) agents * capacity < tickets + lagSamples) {
            throw new IllegalArgumentException("agents × capacity must hold tickets + lag samples");
        }
        Random random = new Random(42);

        System.out.println("load before start: " + loadavg());
        LocalStack stack = LocalStack.start(LocalStackSettings.builder()
                .baseDir(Path.of("target", "assignment-bench-stack").toAbsolutePath())
                .keepData(false)
                .freePorts()
                .services(List.of("assignment-service"))
                .serviceEnv("assignment-service", concurrency == null ? Map.of()
                        : Map.of("SPRING_KAFKA_LISTENER_CONCURRENCY", concurrency))
                .progress(line -> System.out.println("  stack: " + line))
                .build());
        String db = stack.postgres().jdbcUrl("assignment");
        try (Pipeline pipeline = new Pipeline(stack.kafka().bootstrapServers());
                Connection sql = DriverManager.getConnection(db, stack.postgres().superUser(),
                        stack.postgres().superPassword())) {
            // 1. the team
            long seedStart = System.nanoTime();
            List<String> agentIds = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                String agent = UUID.randomUUID().toString();
                agentIds.add(agent);
                pipeline.send(Topics.AGENT, agent, AgentCreated.TYPE, agentCreated(agent, i, capacity, random));
            }
            for (String agent : agentIds) {
                pipeline.send(Topics.AGENT, agent, AgentStatusChanged.TYPE, online(agent));
            }
            pipeline.producer.flush();
            waitFor(sql, "SELECT count(*) FROM agent_profile WHERE status = 'online'", agents, Duration.ofMinutes(5));
            System.out.printf("seed: %d agents online in the read model after %.1f s (capacity %d each)%n", agents,
                    (System.nanoTime() - seedStart) / 1e9, capacity);

            // 2. the burst
            String loadBefore = loadavg();
            Burst burst = pipeline.burst(tickets, random);
            String loadAfter = loadavg();
            Check check = check(sql);
            System.out.printf("burst: %d tickets routed in %.1f s = %.1f decisions/s (10-90 %%: %.1f/s); produce took "
                    + "%.1f s; time to assigned p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", tickets, burst.seconds(),
                    burst.perSecond(), burst.steadyPerSecond(), burst.produceSeconds(), ms(pct(burst.latencies, 50)),
                    ms(pct(burst.latencies, 95)), ms(burst.latencies[burst.latencies.length - 1]));
            System.out.printf("capacity: %d active assignments, %d tickets waiting, busiest agent %d of %d, agents past "
                    + "capacity: %d%n", check.active, check.waiting, check.maxLoad, capacity, check.overCapacity);
            System.out.println("load during burst: before " + loadBefore + " | after " + loadAfter);

            // 3. one at a time
            String lagLoadBefore = loadavg();
            long[] lag = pipeline.oneAtATime(lagSamples, random);
            String lagLoadAfter = loadavg();
            System.out.printf("lag: %d tickets one at a time, ticket.created acked → assignment.assigned received: "
                    + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (target p95 < 500 ms: %s)%n", lagSamples,
                    ms(pct(lag, 50)), ms(pct(lag, 95)), ms(pct(lag, 99)), ms(lag[lag.length - 1]),
                    pct(lag, 95) < TimeUnit.MILLISECONDS.toNanos(500) ? "met" : "MISSED");
            System.out.println("load during lag: before " + lagLoadBefore + " | after " + lagLoadAfter);
            Check end = check(sql);
            System.out.printf("end: %d active assignments, busiest agent %d of %d, agents past capacity: %d%n", end.active,
                    end.maxLoad, capacity, end.overCapacity);

            System.out.println();
            System.out.println("| date | machine load (1-min avg, burst / lag) | scenario | decisions/s (10-90 %) | "
                    + "agents past capacity | lag p50 / p95 / p99 / max |");
            System.out.printf("| %s | %s / %s | %d agents × capacity %d, %d tickets at once, %d one at a time%s | %.1f (%.1f) | "
                    + "%d (busiest %d/%d) | %.0f / %.0f / %.0f / %.0f ms |%n", LocalDate.now(ZoneOffset.UTC),
                    loadAfter.split(" ")[0], lagLoadAfter.split(" ")[0], agents, capacity, tickets, lagSamples,
                    concurrency == null ? "" : ", " + concurrency + " listener threads",
                    burst.perSecond(), burst.steadyPerSecond(), end.overCapacity, end.maxLoad, capacity, ms(pct(lag, 50)),
                    ms(pct(lag, 95)), ms(pct(lag, 99)), ms(lag[lag.length - 1]));
        } finally {
            stack.close();
        }
    }

    record Burst(long[] latencies, double seconds, double perSecond, double steadyPerSecond, double produceSeconds) {
    }

    record Check(int active, int waiting, int maxLoad, int overCapacity) {
    }

    /** The assignment database's own view: loads (new/open tickets, what capacity limits) per agent. */
    static Check check(Connection sql) throws SQLException {
        return new Check(count(sql, "SELECT count(*) FROM ticket_assignment WHERE status IN ('assigned', 'accepted', 'in_progress')"),
                count(sql, "SELECT count(*) FROM ticket WHERE waiting_since IS NOT NULL"),
                count(sql, """
                        SELECT COALESCE(max(n), 0) FROM (SELECT count(*) AS n FROM ticket_assignment a JOIN ticket t ON t.id = a.ticket_id
                        WHERE a.status IN ('assigned', 'accepted', 'in_progress') AND t.status IN ('new', 'open')
                        GROUP BY a.agent_id) loads"""),
                count(sql, """
                        SELECT count(*) FROM agent_profile p JOIN (SELECT a.agent_id, count(*) AS n FROM ticket_assignment a
                          JOIN ticket t ON t.id = a.ticket_id
                          WHERE a.status IN ('assigned', 'accepted', 'in_progress') AND t.status IN ('new', 'open')
                          GROUP BY a.agent_id) l ON l.agent_id = p.id
                        WHERE l.n > p.max_concurrent_tickets"""));
    }

    static int count(Connection sql, String query) throws SQLException {
        try (Statement statement = sql.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static void waitFor(Connection sql, String query, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen;
        while ((seen = count(sql, query)) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + expected + " after " + timeout + ": " + query);
            }
            Thread.sleep(100); // the benchmark's polling grain
        }
    }

    /** Produces agent and ticket events; receives assignment.assigned from crm.assignment.events. */
    static final class Pipeline implements AutoCloseable {
        final KafkaProducer<String, String> producer;
        private final KafkaConsumer<String, String> consumer;
        /** ticket id → nanoTime its first assignment.assigned arrived. */
        private final Map<String, Long> assigned = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread poller;
        private int number = 100000;

        Pipeline(String bootstrap) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                    new StringSerializer());
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                    new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ASSIGNMENT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            poller = Thread.ofPlatform().name("assignment-poller").start(() -> {
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(20)).forEach(r -> {
                        long now = System.nanoTime();
                        JsonNode event = JSON.readTree(r.value());
                        if (AssignmentAssigned.TYPE.equals(event.path("type").asString())) {
                            String ticket = event.path("data").path("ticketId").asString();
                            assigned.putIfAbsent(ticket, now);
                        }
                    });
                }
            });
        }

        java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(String topic, String key,
                String type, String value) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            record.headers().add("eventType", type.getBytes());
            return producer.send(record);
        }

        Burst burst(int count, Random random) throws Exception {
            List<String> ids = new ArrayList<>(count);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String ticket = UUID.randomUUID().toString();
                ids.add(ticket);
                send(Topics.TICKET, ticket, TicketCreated.TYPE, ticketCreated(ticket, random));
            }
            producer.flush();
            long produced = System.nanoTime();
            long deadline = start + TimeUnit.MINUTES.toNanos(30);
            long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int done;
            while ((done = (int) ids.stream().filter(assigned::containsKey).count()) < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + done + " of " + count + " tickets assigned in 30 minutes");
                }
                if (System.nanoTime() > nextReport) {
                    System.out.printf("  ... %d of %d assigned after %.0f s (load %s)%n", done, count,
                            (System.nanoTime() - start) / 1e9, loadavg());
                    nextReport += TimeUnit.SECONDS.toNanos(10);
                }
                Thread.sleep(50); // the benchmark's polling grain
            }
            long[] arrivals = ids.stream().mapToLong(assigned::get).sorted().toArray();
            long[] latencies = Arrays.stream(arrivals).map(a -> a - start).toArray();
            double seconds = (arrivals[count - 1] - start) / 1e9;
            int p10 = count / 10;
            int p90 = Math.max(p10 + 1, count * 9 / 10) - 1;
            double steady = arrivals[p90] == arrivals[p10] ? Double.NaN
                    : (p90 - p10) / ((arrivals[p90] - arrivals[p10]) / 1e9);
            return new Burst(latencies, seconds, count / seconds, steady, (produced - start) / 1e9);
        }

        /** Each ticket is sent when the previous one is assigned: the path's own latency, no queue. */
        long[] oneAtATime(int count, Random random) throws Exception {
            long[] latencies = new long[count];
            for (int i = 0; i < count; i++) {
                String ticket = UUID.randomUUID().toString();
                var ack = send(Topics.TICKET, ticket, TicketCreated.TYPE, ticketCreated(ticket, random));
                ack.get();
                long acked = System.nanoTime();
                long deadline = acked + TimeUnit.SECONDS.toNanos(60);
                while (!assigned.containsKey(ticket)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("ticket " + ticket + " not assigned within 60 s");
                    }
                    Thread.sleep(0, 200_000); // the benchmark's polling grain (~0.2 ms)
                }
                latencies[i] = assigned.get(ticket) - acked;
            }
            Arrays.sort(latencies);
            return latencies;
        }

        String ticketCreated(String ticket, Random random) {
            int n = number++;
            double p = random.nextDouble();
            String priority = p < 0.05 ? "urgent" : p < 0.20 ? "high" : p < 0.80 ? "normal" : "low";
            double c = random.nextDouble();
            String channel = c < 0.55 ? "email" : c < 0.80 ? "chat" : c < 0.90 ? "web" : "phone";
            double l = random.nextDouble();
            String language = l < 0.60 ? "en" : l < 0.75 ? "es" : l < 0.85 ? "de" : l < 0.95 ? "fr" : "pt";
            String tag = SKILLS[random.nextInt(SKILLS.length)];
            Instant now = Instant.now();
            return """
                    {"id":"%s","type":"%s","aggregateType":"ticket","aggregateId":"%s",
                     "occurredAt":"%s","schemaVersion":1,"actor":{"type":"agent","id":"bench"},
                     "data":{"ticketId":"%s","number":"#%d","subject":"%s",
                      "description":"Bench ticket.","status":"new","priority":"%s","channel":"%s",
                      "customerEmail":"bench-%d@example.com","customerId":"%s","language":"%s","tags":["%s"],
                      "createdAt":"%s"}}""".formatted(UUID.randomUUID(), TicketCreated.TYPE, ticket, now, ticket, n,
                    SUBJECTS[random.nextInt(SUBJECTS.length)], priority, channel, n % 5000, UUID.randomUUID(), language,
                    tag, now);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            poller.join(2000);
            producer.close();
            consumer.close();
        }
    }

    /** A realistic team: 20 % leads, 40 % seniors, 40 % juniors; 1-3 skills; English plus 0-2 languages. */
    static String agentCreated(String agent, int i, int capacity, Random random) {
        String seniority = i % 5 == 0 ? "lead" : i % 5 < 3 ? "senior" : "junior";
        List<String> skills = new ArrayList<>(List.of(SKILLS));
        java.util.Collections.shuffle(skills, random);
        List<String> languages = new ArrayList<>(List.of("en"));
        List<String> others = new ArrayList<>(List.of(LANGUAGES).subList(1, LANGUAGES.length));
        java.util.Collections.shuffle(others, random);
        languages.addAll(others.subList(0, random.nextInt(3)));
        String first = FIRST[i % FIRST.length];
        String last = LAST[(i / FIRST.length) % LAST.length];
        Instant now = Instant.now();
        return """
                {"id":"%s","type":"%s","aggregateType":"agent","aggregateId":"%s","occurredAt":"%s",
                 "schemaVersion":1,"actor":{"type":"system"},
                 "data":{"agentId":"%s","username":"bench.%d","email":"bench.%d@example.com","firstName":"%s",
                  "lastName":"%s","role":"agent","department":"Customer Care","team":"bench","status":"offline",
                  "maxConcurrentTickets":%d,"acceptsNew":true,"skills":%s,"languages":%s,"seniority":"%s",
                  "timezone":"%s","active":true,"createdAt":"%s","updatedAt":"%s"}}""".formatted(UUID.randomUUID(),
                AgentCreated.TYPE, agent, now, agent, i, i, first, last, capacity, json(skills.subList(0, 1 + random.nextInt(3))),
                json(languages), seniority, ZONES[i % ZONES.length], now, now);
    }

    static String online(String agent) {
        Instant now = Instant.now();
        return """
                {"id":"%s","type":"%s","aggregateType":"agent","aggregateId":"%s","occurredAt":"%s",
                 "schemaVersion":1,"actor":{"type":"system"},
                 "data":{"agentId":"%s","status":"online","previousStatus":"offline","source":"presence",
                  "changedAt":"%s"}}""".formatted(UUID.randomUUID(), AgentStatusChanged.TYPE, agent, now, agent,
                now);
    }

    static String json(List<String> values) {
        return JSON.writeValueAsString(values);
    }

    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "n/a";
        }
    }

    static long pct(long[] sorted, int percentile) {
        return EnrichmentBench.pct(sorted, percentile);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
