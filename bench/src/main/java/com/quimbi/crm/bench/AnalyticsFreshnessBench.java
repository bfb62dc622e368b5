package com.quimbi.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;
import com.quimbi.crm.devstack.ServiceProcess;

import tools.jackson.databind.json.JsonMapper;

/**
 * Freshness of analytics' aggregates: the time from a write until a report shows it.
 *
 * <pre>./mvnw -B -ntp -q -pl bench exec:exec -Dexec.executable=java -Dexec.args="-cp %classpath \
 *     com.quimbi.crm.bench.AnalyticsFreshnessBench --samples 200"</pre>
 *
 * A stack of its own (free ports) with ticket-service and analytics-service. One sample at a time, each polled
 * every 5 ms (the grain):
 * <ol>
 * <li><b>ticket created</b>: {@code POST /api/tickets} on ticket-service (as the supervisor) → its {@code 201} →
 * until {@code GET /api/analytics/tickets/summary} counts it (ticket_count): ticket-service's outbox → Debezium →
 * Kafka → analytics consumer → its transaction → the query;</li>
 * <li><b>agent reply</b>: {@code POST /api/tickets/{id}/messages} (a public reply) → {@code 201} → until the
 * author's {@code GET /api/analytics/agents/{id}/today} counts the message (agent_daily_metrics); same path;</li>
 * <li><b>event on Kafka</b>: a {@code message.added} contract event produced straight to crm.ticket.events (acks=all
 * returned) → until the same {@code today} counts it: analytics' own share, without ticket-service and the relay.</li>
 * </ol>
 */
public final class AnalyticsFreshnessBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = TicketCreateBench.options(args);
        int samples = Integer.parseInt(options.getOrDefault("samples", "200"));
        int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "30"));
        LocalStack stack = LocalStack.start(LocalStackSettings.builder()
                .baseDir(Path.of("target", "bench-analytics-freshness-stack").toAbsolutePath())
                .keepData(false)
                .freePorts()
                .services(List.of("ticket-service", "analytics-service"))
                .serviceJvmArgs(options.containsKey("service-jvm")
                        ? List.of(options.get("service-jvm").trim().split("[,\\s]+")) : ServiceProcess.DEFAULT_JVM_ARGS)
                .build());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            Bench bench = new Bench(stack, producer);
            System.out.println("load average before: " + AnalyticsQueryBench.loadAverage());
            bench.measure(warmUp, "warm-up");
            long[][] lags = bench.measure(samples, "measured");
            System.out.println("load average after: " + AnalyticsQueryBench.loadAverage());
            String[] names = { "ticket created (ticket-service → outbox → Debezium → Kafka → analytics) → tickets/summary",
                    "agent reply (same path) → agents/{id}/today", "message.added produced to Kafka → agents/{id}/today" };
            System.out.println("| path | samples | p50 ms | p95 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|");
            for (int i = 0; i < names.length; i++) {
                long[] l = lags[i];
                Arrays.sort(l);
                System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %.0f |%n", names[i], l.length,
                        ms(TicketCreateBench.percentile(l, 50)), ms(TicketCreateBench.percentile(l, 95)),
                        ms(TicketCreateBench.percentile(l, 99)), ms(l[l.length - 1]));
            }
        } finally {
            stack.close();
        }
    }

    static final class Bench {
        private final LocalStack stack;
        private final KafkaProducer<String, String> producer;
        private final String tickets;
        private final String analytics;
        private String token;
        private long tokenAt;
        private String me;

        Bench(LocalStack stack, KafkaProducer<String, String> producer) {
            this.stack = stack;
            this.producer = producer;
            this.tickets = stack.serviceUrl("ticket-service");
            this.analytics = stack.serviceUrl("analytics-service");
        }

        /** The supervisor's token, renewed every 4 minutes (tokens live 5). */
        String token() {
            if (token == null || System.nanoTime() - tokenAt > TimeUnit.MINUTES.toNanos(4)) {
                token = stack.keycloak().accessToken("sara.supervisor", "sara-demo-pass");
                tokenAt = System.nanoTime();
                String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
                me = JSON.readTree(payload).path("sub").asString();
            }
            return token;
        }

        long[][] measure(int samples, String phase) throws Exception {
            long[][] lags = new long[3][samples];
            String today = "/api/analytics/agents/" + (token() == null ? "" : me) + "/today";
            LongSupplier total = () -> get("/api/analytics/tickets/summary", "total");
            LongSupplier sent = () -> get(today, "messagesSent");
            for (int i = 0; i < samples; i++) {
                long before = total.getAsLong();
                long start = System.nanoTime();
                String ticket = post(tickets + "/api/tickets", """
                        {"subject":"Freshness %d","description":"How fast does analytics see this?","priority":"normal",
                         "channel":"web","customerEmail":"fresh+%d@example.com"}""".formatted(i, i % 50));
                lags[0][i] = await(total, before + 1, start);

                long messages = sent.getAsLong();
                start = System.nanoTime();
                post(tickets + "/api/tickets/" + ticket + "/messages",
                        "{\"body\":\"We are on it.\",\"authorType\":\"agent\"}");
                lags[1][i] = await(sent, messages + 1, start);

                AnalyticsEvents.Event reply = AnalyticsEvents.agentReply(UUID.fromString(ticket), me, Instant.now());
                ProducerRecord<String, String> record = new ProducerRecord<>(reply.topic(), reply.key(), reply.json());
                record.headers().add("eventType", reply.type().getBytes());
                start = System.nanoTime();
                producer.send(record).get();
                lags[2][i] = await(sent, messages + 2, start);
            }
            System.out.printf("%s: %d samples done%n", phase, samples);
            return lags;
        }

        /** Nanoseconds from {@code start} (just before the write) until {@code value} reaches {@code expected}. */
        long await(LongSupplier value, long expected, long start) {
            long deadline = start + TimeUnit.SECONDS.toNanos(30);
            while (value.getAsLong() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("analytics did not reach " + expected + " within 30 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // the benchmark's polling grain
            }
            return System.nanoTime() - start;
        }

        String post(String url, String body) throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException(url + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).path("id").asString();
        }

        long get(String path, String field) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(analytics + path))
                        .header("Authorization", "Bearer " + token()).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
                }
                return JSON.readTree(response.body()).path(field).asLong();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
