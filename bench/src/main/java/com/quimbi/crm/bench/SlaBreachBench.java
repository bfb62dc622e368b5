package com.quimbi.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.sla.SlaClockUpdated;
import com.quimbi.crm.contracts.sla.SlaWarning;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;
import com.quimbi.crm.devstack.ServiceProcess;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * sla-service's deadline path (issue #6): with {@code --clocks} running clocks in place, how late does each
 * {@code sla.breached} reach Kafka after its deadline?
 * <ol>
 * <li>A stack of its own (free ports) with only sla-service (+ its Debezium outbox connector).</li>
 * <li><b>Background clocks</b>: {@code --clocks / 2} {@code ticket.created} records (priority low, no tags) are
 * produced straight to crm.ticket.events; each starts a first_response and a resolution clock (deadlines hours
 * away, in business hours). The bench waits until sla-service has stored them all (consumer rate) and until their
 * {@code sla.clock_updated} events have been relayed to crm.sla.events (outbox relay rate), so the probe phase
 * runs on a quiet pipeline.</li>
 * <li><b>Probe policy</b>: created through the API as adam.admin — tag {@code sla-bench-probe}, position 1,
 * first_response only, calendar hours (24/7), target = lead + spread, warnings at 75 / 90 %.</li>
 * <li><b>Probes</b>: {@code --probes} tickets with that tag are produced at once, in random order, their
 * {@code createdAt} back-dated so their deadlines fall evenly from now + {@code --lead-seconds} to
 * now + lead + {@code --spread-seconds}.</li>
 * <li><b>Measure</b>: each probe's {@code sla.breached} on crm.sla.events: Kafka record timestamp − {@code deadline}
 * (the number), receive time in this JVM − deadline, and {@code breachedAt} − deadline (the scheduler's
 * share, before the outbox relay). Every probe must breach exactly once: missing and duplicate events are counted.</li>
 * </ol>
 * <pre>./mvnw -B -ntp -q -o -pl bench compile exec:exec -Dexec.executable=$JAVA_HOME/bin/java \
 *     -Dexec.args="-cp %classpath com.quimbi.crm.bench.SlaBreachBench --clocks 100000 --probes 600 --spread-seconds 90"</pre>
 * Options: --clocks 100000, --probes 600, --spread-seconds 90, --lead-seconds 30; --seed kafka (default: every
 * background ticket through Kafka) or copy (one through Kafka, its rows cloned in SQL: fast, no consumer rate);
 * --poll-interval / --threads pass CRM_SLA_POLL_INTERVAL / CRM_SLA_SCHEDULER_THREADS to sla-service (default: the
 * service's own); --service-jvm "-Xmx512m,-XX:+UseSerialGC" replaces the devstack's JVM flags for sla-service
 * (default: {@link ServiceProcess#DEFAULT_JVM_ARGS}, C1 only, for fast start-up).
 */
public final class SlaBreachBench {

    static final String PROBE_TAG = "sla-bench-probe";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = TicketCreateBench.options(args);
        int clocks = Integer.parseInt(options.getOrDefault("clocks", "100000"));
        int probes = Integer.parseInt(options.getOrDefault("probes", "600"));
        int spread = Integer.parseInt(options.getOrDefault("spread-seconds", "90"));
        int lead = Integer.parseInt(options.getOrDefault("lead-seconds", "30"));
        int backgroundTickets = (clocks + 1) / 2;
        String seed = options.getOrDefault("seed", "kafka");

        Map<String, String> env = new java.util.HashMap<>();
        if (options.containsKey("poll-interval")) {
            env.put("CRM_SLA_POLL_INTERVAL", options.get("poll-interval"));
        }
        if (options.containsKey("threads")) {
            env.put("CRM_SLA_SCHEDULER_THREADS", options.get("threads"));
        }
        LoadSampler load = new LoadSampler();
        long stackStart = System.nanoTime();
        LocalStack stack = LocalStack.start(LocalStackSettings.builder()
                .baseDir(Path.of("target", "sla-breach-bench-stack").toAbsolutePath())
                .keepData(false)
                .freePorts()
                .services(List.of("sla-service"))
                .serviceEnv("sla-service", env)
                .serviceJvmArgs(options.containsKey("service-jvm")
                        ? List.of(options.get("service-jvm").trim().split("[,\\s]+")) : ServiceProcess.DEFAULT_JVM_ARGS)
                .build());
        System.out.printf("stack up in %.0f s (sla-service env %s); load %s%n", (System.nanoTime() - stackStart) / 1e9,
                env, LoadSampler.now());
        try (Watcher watcher = new Watcher(stack.kafka().bootstrapServers());
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                        new StringSerializer(), new StringSerializer());
                Connection db = DriverManager.getConnection(stack.postgres().jdbcUrl("sla"), "sla_service", "sla_service")) {
            String sla = stack.serviceUrl("sla-service");

            // ---- 1. background clocks ----
            load.reset();
            long seedStart = System.nanoTime();
            Instant createdAt = Instant.now();
            int viaKafka = seed.equals("copy") ? 1 : backgroundTickets;
            for (int i = 0; i < viaKafka; i++) {
                String ticket = UUID.randomUUID().toString();
                producer.send(ticketCreated(ticket, "#B" + i, "low", List.of(), createdAt));
            }
            producer.flush();
            double produced = (System.nanoTime() - seedStart) / 1e9;
            System.out.printf("background: %d ticket.created produced in %.1f s%n", viaKafka, produced);
            long stored = 0;
            long lastReport = System.nanoTime();
            long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
            while ((stored = count(db, "SELECT count(*) FROM sla_ticket WHERE created_at IS NOT NULL")) < viaKafka) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("sla-service stored only " + stored + " of " + viaKafka
                            + " tickets in 60 minutes");
                }
                if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(30)) {
                    System.out.printf("  … %d / %d tickets stored after %.0f s (%.0f/s), %d clock_updated relayed; load %s%n",
                            stored, viaKafka, (System.nanoTime() - seedStart) / 1e9,
                            stored / ((System.nanoTime() - seedStart) / 1e9), watcher.clockUpdated.get(), LoadSampler.now());
                    lastReport = System.nanoTime();
                }
                Thread.sleep(500); // the benchmark's own polling grain
            }
            double consumed = (System.nanoTime() - seedStart) / 1e9;
            String consumeLoad = load.summary();
            while (watcher.clockUpdated.get() < viaKafka) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("only " + watcher.clockUpdated.get() + " clock_updated relayed");
                }
                Thread.sleep(200);
            }
            double relayed = (System.nanoTime() - seedStart) / 1e9;
            String seeded;
            if (viaKafka < backgroundTickets) {
                long cloneStart = System.nanoTime();
                cloneTemplate(db, backgroundTickets - viaKafka);
                seeded = "1 ticket through Kafka, %d clones of its rows in SQL (%.1f s)".formatted(
                        backgroundTickets - viaKafka, (System.nanoTime() - cloneStart) / 1e9);
            } else {
                seeded = "%.0f events/s".formatted(backgroundTickets / consumed);
            }
            long running = count(db, "SELECT count(*) FROM sla_clock WHERE status = 'running'");
            long dueSoon = count(db, "SELECT count(*) FROM sla_clock WHERE next_check_at < now() + interval '1 hour'");
            System.out.printf("background: %d tickets consumed by sla-service in %.1f s = %.0f events/s (load %s); "
                    + "%d sla.clock_updated on Kafka after %.1f s = %.0f/s; %s; running clocks %d (%d with a check "
                    + "due within the hour)%n", viaKafka, consumed, viaKafka / consumed, consumeLoad,
                    watcher.clockUpdated.get(), relayed, viaKafka / relayed, seeded, running, dueSoon);
            try (Statement st = db.createStatement()) {
                st.execute("ANALYZE sla_clock"); // what autovacuum would do after a load like this
            }

            // ---- 2. the probe policy ----
            int target = lead + spread;
            String token = stack.keycloak().accessToken("adam.admin", "adam-demo-pass");
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(sla + "/api/sla/policies"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"name":"bench probes","position":1,"conditions":{"tags":["%s"]},
                             "targets":[{"metric":"first_response","target":"PT%dS","businessHours":false}],
                             "warningThresholds":[75,90]}""".formatted(PROBE_TAG, target))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("probe policy: " + created.statusCode() + " " + created.body());
            }

            // ---- 3. probes: deadlines evenly over [now + lead, now + lead + spread] ----
            load.reset();
            Instant start = Instant.now();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < probes; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(42));
            for (int i : order) {
                String ticket = UUID.randomUUID().toString();
                watcher.probes.add(ticket);
                Instant probeCreated = start.minusSeconds(spread).plusNanos((long) spread * 1_000_000_000L * i / probes);
                producer.send(ticketCreated(ticket, "#P" + i, "normal", List.of(PROBE_TAG), probeCreated));
            }
            producer.flush();
            Instant lastDeadline = start.plusSeconds(lead + spread);
            Instant waitUntil = lastDeadline.plusSeconds(60);
            System.out.printf("probes: %d produced at %s, deadlines %s … %s (policy target %d s)%n", probes, start,
                    start.plusSeconds(lead), lastDeadline, target);
            while (watcher.breachedProbes() < probes && Instant.now().isBefore(waitUntil)) {
                Thread.sleep(200);
            }
            Thread.sleep(5000); // late duplicates would show up here
            String probeLoad = load.summary();
            long probeClocks = count(db, "SELECT count(*) FROM sla_clock c JOIN sla_ticket t USING (ticket_id) "
                    + "WHERE '" + PROBE_TAG + "' = ANY (t.tags)");
            long runningNow = count(db, "SELECT count(*) FROM sla_clock WHERE status = 'running'");

            // ---- 4. results ----
            List<Watcher.Breach> first = watcher.firstBreaches();
            long[] kafka = first.stream().mapToLong(b -> b.kafkaMillis - b.deadline.toEpochMilli()).sorted().toArray();
            long[] received = first.stream().mapToLong(b -> b.receivedMillis - b.deadline.toEpochMilli()).sorted().toArray();
            long[] scheduler = first.stream().mapToLong(b -> b.breachedAt.toEpochMilli() - b.deadline.toEpochMilli())
                    .sorted().toArray();
            long duplicates = watcher.breaches.size() - first.size();
            long early = first.stream().filter(b -> b.breachedAt.isBefore(b.deadline)).count();
            System.out.printf("probes: %d of %d breached (%d duplicate sla.breached, %d missing, %d before their "
                    + "deadline); %d probe clocks; %d running clocks at the end; other sla.breached seen: %d; "
                    + "warnings for probes: %d; load during probes %s%n", first.size(), probes, duplicates,
                    probes - first.size(), early, probeClocks, runningNow, watcher.otherBreaches.get(),
                    watcher.probeWarnings.get(), probeLoad);
            System.out.println(line("deadline → Kafka record timestamp", kafka));
            System.out.println(line("deadline → received by the bench", received));
            System.out.println(line("deadline → breachedAt (scheduler)", scheduler));
            System.out.println();
            System.out.println("| date | machine | running clocks | probes (deadlines over) | background consumed | "
                    + "deadline → sla.breached on Kafka p50 / p95 / p99 / max | breached once | load (1-min avg) |");
            System.out.printf("| %s | %d cores | %,d | %d (%d s) | %s | %s | %d / %d, %d duplicates | %s |%n",
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(), running, probes, spread,
                    seeded, quad(kafka), first.size(), probes, duplicates, probeLoad);
        } finally {
            load.close();
            stack.close();
        }
    }

    static ProducerRecord<String, String> ticketCreated(String ticket, String number, String priority,
            List<String> tags, Instant createdAt) {
        String tagJson = tags.stream().map(t -> "\"" + t + "\"").reduce((a, b) -> a + "," + b).orElse("");
        String value = """
                {"id":"%s","type":"%s","aggregateType":"ticket","aggregateId":"%s","occurredAt":"%s",\
                "schemaVersion":1,"actor":{"type":"agent","id":"bench"},"data":{"ticketId":"%s","number":"%s",\
                "subject":"Where is my order?","status":"new","priority":"%s","channel":"email","tags":[%s],\
                "customerEmail":"bench@example.com","createdAt":"%s"}}""".formatted(UUID.randomUUID(), TicketCreated.TYPE, ticket,
                Instant.now(), ticket, number, priority, tagJson, createdAt);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TICKET, ticket, value);
        record.headers().add("eventType", TicketCreated.TYPE.getBytes());
        return record;
    }

    /**
     * {@code --seed copy}: sla-service handled one background ticket from Kafka; its rows (sla_ticket,
     * sla_ticket_event, two sla_clock) are cloned {@code n} times with new ids, inside Postgres. Same shape as the
     * service writes, same created_at, so the same deadlines and next_check_at, hours away.
     */
    static void cloneTemplate(Connection db, int n) throws Exception {
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement st = db.createStatement()) {
            String template = "(SELECT ticket_id FROM sla_ticket WHERE created_at IS NOT NULL LIMIT 1)";
            st.execute("CREATE TEMP TABLE bench_ids ON COMMIT DROP AS SELECT g AS n, gen_random_uuid() AS ticket_id "
                    + "FROM generate_series(1, " + n + ") g");
            st.execute("""
                    INSERT INTO sla_ticket (ticket_id, number, priority, channel, status, category, customer_tier, tags,
                      created_at, deleted, policy_id, published_metric, published_deadline, published_state, updated_at)
                    SELECT i.ticket_id, '#C' || i.n, t.priority, t.channel, t.status, t.category, t.customer_tier, t.tags,
                      t.created_at, t.deleted, t.policy_id, t.published_metric, t.published_deadline, t.published_state,
                      t.updated_at
                    FROM bench_ids i CROSS JOIN sla_ticket t WHERE t.ticket_id = """ + template);
            st.execute("""
                    INSERT INTO sla_ticket_event (ticket_id, kind, at, status, event_id)
                    SELECT i.ticket_id, e.kind, e.at, e.status, gen_random_uuid()
                    FROM bench_ids i CROSS JOIN sla_ticket_event e WHERE e.ticket_id = """ + template
                    + " ORDER BY i.n, e.id");
            st.execute("""
                    INSERT INTO sla_clock (id, ticket_id, metric, cycle, policy_id, priority, target_seconds,
                      business_hours, calendar_id, started_at, deadline, status, at_risk, paused_at, ended_at,
                      elapsed_seconds, breached, warned, breached_at, met_published, next_check_at, computed_at)
                    SELECT gen_random_uuid(), i.ticket_id, c.metric, c.cycle, c.policy_id, c.priority, c.target_seconds,
                      c.business_hours, c.calendar_id, c.started_at, c.deadline, c.status, c.at_risk, c.paused_at,
                      c.ended_at, c.elapsed_seconds, c.breached, c.warned, c.breached_at, c.met_published,
                      c.next_check_at, c.computed_at
                    FROM bench_ids i CROSS JOIN sla_clock c WHERE c.ticket_id = """ + template);
            db.commit();
        } catch (Exception e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
        try (Statement st = db.createStatement()) {
            db.setAutoCommit(true);
            st.execute("VACUUM ANALYZE sla_ticket, sla_ticket_event, sla_clock"); // what autovacuum does after a load
        } finally {
            db.setAutoCommit(auto);
        }
    }

    static long count(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String line(String what, long[] sorted) {
        if (sorted.length == 0) {
            return what + ": no samples";
        }
        return "%s: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms, min %d ms (n=%d)".formatted(what, pct(sorted, 50),
                pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1], sorted[0], sorted.length);
    }

    static String quad(long[] sorted) {
        if (sorted.length == 0) {
            return "n/a";
        }
        return "%d / %d / %d / %d ms".formatted(pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1]);
    }

    static long pct(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1))];
    }

    /** Reads crm.sla.events from the beginning: counts clock_updated, keeps every sla.breached of a probe. */
    static final class Watcher implements AutoCloseable {
        record Breach(String ticketId, String clockId, Instant deadline, Instant breachedAt, long kafkaMillis,
                long receivedMillis) {
        }

        final Set<String> probes = ConcurrentHashMap.newKeySet();
        final List<Breach> breaches = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong clockUpdated = new AtomicLong();
        final AtomicLong otherBreaches = new AtomicLong();
        final AtomicLong probeWarnings = new AtomicLong();
        private final KafkaConsumer<String, String> consumer;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread poller;

        Watcher(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                    new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SLA).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            poller = Thread.ofPlatform().name("sla-events-watcher").start(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.currentTimeMillis();
                        JsonNode event = JSON.readTree(r.value());
                        String type = event.path("type").asString();
                        JsonNode data = event.path("data");
                        String ticket = data.path("ticketId").asString();
                        switch (type) {
                            case SlaClockUpdated.TYPE -> clockUpdated.incrementAndGet();
                            case SlaWarning.TYPE -> {
                                if (probes.contains(ticket)) {
                                    probeWarnings.incrementAndGet();
                                }
                            }
                            case SlaBreached.TYPE -> {
                                if (probes.contains(ticket)) {
                                    breaches.add(new Breach(ticket, data.path("clockId").asString(),
                                            Instant.parse(data.path("deadline").asString()),
                                            Instant.parse(data.path("breachedAt").asString()), r.timestamp(), now));
                                } else {
                                    otherBreaches.incrementAndGet();
                                }
                            }
                            default -> {
                            }
                        }
                    }
                }
            });
        }

        long breachedProbes() {
            synchronized (breaches) {
                return breaches.stream().map(Breach::ticketId).distinct().count();
            }
        }

        /** The first sla.breached per probe clock. */
        List<Breach> firstBreaches() {
            Map<String, Breach> first = new java.util.LinkedHashMap<>();
            synchronized (breaches) {
                breaches.forEach(b -> first.putIfAbsent(b.clockId(), b));
            }
            return List.copyOf(first.values());
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            poller.join(2000);
            consumer.close();
        }
    }

    /** /proc/loadavg every 2 s: the 1-minute average at its highest in a phase, and now. */
    static final class LoadSampler implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile double max;
        private final Thread thread;

        LoadSampler() {
            thread = Thread.ofPlatform().daemon().name("loadavg").start(() -> {
                while (running.get()) {
                    max = Math.max(max, oneMinute());
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void reset() {
            max = oneMinute();
        }

        String summary() {
            return "max %.2f, now %s".formatted(Math.max(max, oneMinute()), now());
        }

        static String now() {
            try {
                String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
                return f[0] + " " + f[1] + " " + f[2];
            } catch (Exception e) {
                return "n/a";
            }
        }

        static double oneMinute() {
            try {
                return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0]);
            } catch (Exception e) {
                return 0;
            }
        }

        @Override
        public void close() {
            running.set(false);
            thread.interrupt();
        }
    }
}
