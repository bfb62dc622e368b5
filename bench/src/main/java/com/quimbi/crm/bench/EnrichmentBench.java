package com.quimbi.crm.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;

import tools.jackson.databind.json.JsonMapper;

/**
 * quimbi-adapter's enrichment pipeline and cache, on a stack of its own, with Quimbi faked at its HTTP
 * boundary (WireMock in this JVM, on loopback):
 * <ol>
 * <li>enrichment with Quimbi answering in 50 ms: ticket.created records produced to crm.ticket.events as
 * fast as the producer goes; each one's latency is measured until its enrichment.ticket_enriched arrives on
 * crm.enrichment.events (adapter consumer → Quimbi ×3 → Postgres → outbox → Debezium → Kafka);</li>
 * <li>the cache: repeated DNA lookups per customer through the adapter's API; Quimbi calls avoided;</li>
 * <li>enrichment with the circuit open (Quimbi failing): the same measurement, now all fallback.</li>
 * </ol>
 * <pre>./mvnw -B -ntp -q -pl bench exec:exec -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath com.quimbi.crm.bench.EnrichmentBench --tickets 300 --quimbi-ms 50"</pre>
 * (options: --tickets 300, --latency-samples 30, --customers 20, --lookups 10, --quimbi-ms 50)
 */
public final class EnrichmentBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = TicketCreateBench.options(args);
        int tickets = Integer.parseInt(options.getOrDefault("tickets", "300"));
        int customers = Integer.parseInt(options.getOrDefault("customers", "20"));
        int lookups = Integer.parseInt(options.getOrDefault("lookups", "10"));
        int quimbiMs = Integer.parseInt(options.getOrDefault("quimbi-ms", "50"));
        int samples = Integer.parseInt(options.getOrDefault("latency-samples", "30"));

        WireMockServer quimbi = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1").containerThreads(64));
        quimbi.start();
        healthy(quimbi, quimbiMs);
        LocalStack stack = LocalStack.start(LocalStackSettings.builder()
                .baseDir(Path.of("target", "enrichment-bench-stack").toAbsolutePath())
                .keepData(false)
                .freePorts()
                .services(List.of("quimbi-adapter"))
                .serviceEnv("quimbi-adapter", Map.of("QUIMBI_ENABLED", "true", "QUIMBI_BASE_URL", quimbi.baseUrl(),
                        "QUIMBI_API_KEY", "bench-key", "QUIMBI_CIRCUIT_OPEN_FOR", "10m"))
                .build());
        try (Pipeline pipeline = new Pipeline(stack.kafka().bootstrapServers())) {
            String adapter = stack.serviceUrl("quimbi-adapter");
            pipeline.enrich(Math.min(50, tickets), "warm-up");
            pipeline.enrich(tickets, "Quimbi at " + quimbiMs + " ms");
            pipeline.oneAtATime(samples, "Quimbi at " + quimbiMs + " ms");

            quimbi.resetAll();
            quimbi.stubFor(get(anyUrl()).willReturn(okJson("{}")));
            healthy(quimbi, quimbiMs);
            dnaLookups(quimbi, adapter, stack.keycloak().accessToken("alex.agent", "alex-demo-pass"), customers,
                    lookups);

            quimbi.resetAll();
            quimbi.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503).withFixedDelay(quimbiMs)));
            quimbi.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(503).withFixedDelay(quimbiMs)));
            pipeline.enrich(20, "opening the circuit");
            String state = prometheusLine(adapter, "resilience4j_circuitbreaker_state{name=\"quimbi\",state=\"open\"");
            System.out.println("circuit: " + state);
            pipeline.enrich(tickets, "circuit open");
            pipeline.oneAtATime(samples, "circuit open");
        } finally {
            stack.close();
            quimbi.stop();
        }
    }

    static void healthy(WireMockServer quimbi, int ms) {
        quimbi.stubFor(post("/api/ml/tickets/classify").willReturn(okJson("""
                {"category":"shipping","category_confidence":0.9,"sentiment":{"label":"negative","score":-0.5},
                 "urgency":"high","confidence":0.9}""").withFixedDelay(ms)));
        quimbi.stubFor(get(urlPathMatching("/api/ml/customers/.*/churn")).willReturn(okJson("""
                {"churn_probability":0.4,"drivers":[]}""").withFixedDelay(ms)));
        quimbi.stubFor(get(urlPathMatching("/api/ml/customers/.*/ltv")).willReturn(okJson("""
                {"predicted_ltv":{"amount":120.0,"currency":"USD"}}""").withFixedDelay(ms)));
        quimbi.stubFor(get(urlPathMatching("/api/ml/customers/.*/dna")).willReturn(okJson("""
                {"archetype":"regular","segments":[],"traits":{}}""").withFixedDelay(ms)));
    }

    /** Each customer looked up `lookups` times in a row: the first is a miss, the rest should be hits. */
    static void dnaLookups(WireMockServer quimbi, String adapter, String token, int customers, int lookups)
            throws Exception {
        quimbi.resetRequests();
        List<Long> misses = new ArrayList<>();
        List<Long> hits = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            UUID customer = UUID.randomUUID();
            for (int i = 0; i < lookups; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(adapter + "/api/ai/customers/" + customer + "/dna"))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("DNA lookup failed: " + response.statusCode() + " " + response.body());
                }
                (i == 0 ? misses : hits).add(took);
            }
        }
        int total = customers * lookups;
        int quimbiCalls = quimbi.countRequestsMatching(getRequestedFor(urlPathMatching(".*/dna")).build()).getCount();
        System.out.printf("dna cache: %d lookups (%d customers × %d), Quimbi called %d times (%.0f %% avoided); "
                + "first lookup p50 %.1f ms, repeated p50 %.1f ms / p95 %.1f ms%n", total, customers, lookups,
                quimbiCalls, 100.0 * (total - quimbiCalls) / total, ms(p(misses, 50)), ms(p(hits, 50)), ms(p(hits, 95)));
    }

    static String prometheusLine(String adapter, String prefix) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(adapter + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("(no " + prefix + ")");
    }

    /** Produces ticket.created records and times their enrichment.ticket_enriched on crm.enrichment.events. */
    static final class Pipeline implements AutoCloseable {
        private final KafkaProducer<String, String> producer;
        private final KafkaConsumer<String, String> consumer;
        private final Map<String, Long> arrived = new ConcurrentHashMap<>();
        private final Map<String, String> sources = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread poller;

        Pipeline(String bootstrap) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                    new StringSerializer());
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                    new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ENRICHMENT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            poller = Thread.ofPlatform().name("enrichment-poller").start(() -> {
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(20)).forEach(r -> {
                        long now = System.nanoTime();
                        arrived.putIfAbsent(r.key(), now);
                        sources.put(r.key(), JSON.readTree(r.value()).path("data").path("source").asString());
                    });
                }
            });
        }

        void enrich(int count, String scenario) throws Exception {
            Map<String, Long> sent = new HashMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String ticket = UUID.randomUUID().toString();
                String customer = UUID.randomUUID().toString();
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TICKET, ticket,
                        ticketCreated(ticket, customer, i));
                record.headers().add("eventType", TicketCreated.TYPE.getBytes());
                sent.put(ticket, System.nanoTime());
                producer.send(record);
            }
            producer.flush();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!arrived.keySet().containsAll(sent.keySet())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(scenario + ": only " + sent.keySet().stream()
                            .filter(arrived::containsKey).count() + " of " + count + " enriched in 10 minutes");
                }
                Thread.sleep(10); // a benchmark's own polling grain, not a test wait
            }
            long[] latencies = sent.entrySet().stream().mapToLong(e -> arrived.get(e.getKey()) - e.getValue())
                    .sorted().toArray();
            long last = sent.keySet().stream().mapToLong(arrived::get).max().orElse(start);
            Map<String, Long> bySource = new HashMap<>();
            sent.keySet().forEach(k -> bySource.merge(sources.get(k), 1L, Long::sum));
            System.out.printf("%s: %d tickets enriched in %.2f s = %.1f tickets/s; latency (produce → enriched "
                    + "event) p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms; sources %s%n", scenario, count,
                    (last - start) / 1e9, count / ((last - start) / 1e9), ms(pct(latencies, 50)),
                    ms(pct(latencies, 95)), ms(pct(latencies, 99)), ms(latencies[latencies.length - 1]), bySource);
        }

        /** No queue: each ticket is sent when the previous one has been enriched, so this is the path's own latency. */
        void oneAtATime(int count, String scenario) throws Exception {
            long[] latencies = new long[count];
            for (int i = 0; i < count; i++) {
                String ticket = UUID.randomUUID().toString();
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TICKET, ticket,
                        ticketCreated(ticket, UUID.randomUUID().toString(), i));
                record.headers().add("eventType", TicketCreated.TYPE.getBytes());
                long sent = System.nanoTime();
                producer.send(record).get();
                long deadline = sent + TimeUnit.SECONDS.toNanos(60);
                while (!arrived.containsKey(ticket)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(scenario + ": ticket not enriched within 60 s");
                    }
                    Thread.sleep(1); // the benchmark's polling grain
                }
                latencies[i] = arrived.get(ticket) - sent;
            }
            java.util.Arrays.sort(latencies);
            System.out.printf("%s, one at a time: %d tickets, latency (produce → enriched event) p50 %.0f ms, "
                    + "p95 %.0f ms, max %.0f ms%n", scenario, count, ms(pct(latencies, 50)), ms(pct(latencies, 95)),
                    ms(latencies[count - 1]));
        }

        static String ticketCreated(String ticket, String customer, int i) {
            return """
                    {"id":"%s","type":"%s","aggregateType":"ticket","aggregateId":"%s",
                     "occurredAt":"%s","schemaVersion":1,"actor":{"type":"agent","id":"bench"},
                     "data":{"ticketId":"%s","number":"#%d","subject":"Where is my order #%d?",
                      "description":"It was due last week and the tracking has not moved.","status":"new",
                      "priority":"normal","channel":"email","customerEmail":"bench-%d@example.com",
                      "customerId":"%s","createdAt":"%s"}}""".formatted(UUID.randomUUID(), TicketCreated.TYPE, ticket,
                    Instant.now(),
                    ticket, 100000 + i, 5000 + i, i, customer, Instant.now());
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            poller.join(2000);
            producer.close();
            consumer.close();
        }
    }

    static long p(List<Long> values, int percentile) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return pct(sorted, percentile);
    }

    static long pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
