package com.quimbi.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.assignment.AssignmentAssigned;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;
import com.quimbi.crm.devstack.ServiceProcess;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * notification-service's WebSocket fan-out through the gateway, on a stack of its own (free ports; gateway and
 * notification-service, one instance each; devstack JVM settings unless {@code --service-jvm} replaces them):
 * <ol>
 * <li>with {@code --agents} above 3, creates that many agents in the stack's Keycloak ({@link BenchAgents}), else
 * uses the three demo users (3 agents and 1,000 sockets: one event fans out to 333 of them, the many-tab worst
 * case); opens {@code --sockets} agent sockets through the gateway spread over the agents (connection ticket each,
 * allowed Origin);</li>
 * <li>measures notification-service's RSS before and after (memory per connection);</li>
 * <li>sends {@code --warmup} events, then produces {@code --events} ticket.created + assignment.assigned pairs to
 * Kafka, one every {@code --interval-ms}, each assigned to the next agent, and records, per socket that gets the
 * {@code new_ticket} frame, the time from just before the send of assignment.assigned to the frame: Kafka →
 * consumer → read model + Redis (seq, stream, PUBLISH) → pub/sub → socket → gateway → client. p50/p99 over all
 * frames.</li>
 * </ol>
 * <pre>./mvnw -B -ntp -q -pl bench exec:exec -Dexec.executable=java -Dexec.args="-cp %classpath
 *     com.quimbi.crm.bench.RealtimeBench --sockets 1000 --agents 1000 --events 600 --interval-ms 50 --warmup 400
 *     --service-jvm -Xmx512m,-XX:+UseSerialGC"</pre>
 * (the service jars must be packaged: {@code ./mvnw -q -pl notification-service,gateway -am package -DskipTests})
 */
public final class RealtimeBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ORIGIN = "http://localhost:5173";
    private static final String[][] USERS = { { "alex.agent", "alex-demo-pass" }, { "sara.supervisor", "sara-demo-pass" },
            { "adam.admin", "adam-demo-pass" } };

    public static void main(String[] args) throws Exception {
        Map<String, String> options = TicketCreateBench.options(args);
        int sockets = Integer.parseInt(options.getOrDefault("sockets", "1000"));
        int events = Integer.parseInt(options.getOrDefault("events", "100"));
        int intervalMs = Integer.parseInt(options.getOrDefault("interval-ms", "100"));
        int agentCount = Integer.parseInt(options.getOrDefault("agents", String.valueOf(sockets)));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));

        System.out.println("load before start: " + AssignmentBench.loadavg());
        LocalStack stack = LocalStack.start(LocalStackSettings.builder()
                .baseDir(Path.of("target", "realtime-bench-stack").toAbsolutePath())
                .keepData(false)
                .freePorts()
                .services(List.of("notification-service", "gateway"))
                .serviceEnv("gateway", Map.of("CRM_RATE_LIMIT_REPLENISH", "5000", "CRM_RATE_LIMIT_BURST", "10000"))
                .serviceJvmArgs(options.containsKey("service-jvm")
                        ? List.of(options.get("service-jvm").trim().split("[,\\s]+")) : ServiceProcess.DEFAULT_JVM_ARGS)
                .progress(line -> System.out.println("  stack: " + line))
                .build());
        List<Client> clients = new ArrayList<>();
        try (stack; KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new StringSerializer())) {
            String gateway = stack.serviceUrl("gateway");
            List<String[]> users = agentCount <= USERS.length ? List.of(USERS).subList(0, agentCount)
                    : BenchAgents.create(stack.keycloak(), agentCount);
            String[] agents = new String[users.size()];
            String[] tokens = new String[users.size()];
            long pid = stack.service("notification-service").pid();
            long rssBefore = rssKb(pid);
            long started = System.nanoTime();
            AtomicInteger failures = new AtomicInteger();
            // logged in just before their sockets open: the socket closes when its access token expires (5 min)
            for (int i = 0; i < sockets; i++) {
                int user = i % users.size();
                try {
                    if (tokens[user] == null) {
                        tokens[user] = stack.keycloak().accessToken(users.get(user)[0], users.get(user)[1]);
                        agents[user] = JSON.readTree(java.util.Base64.getUrlDecoder().decode(tokens[user].split("\\.")[1]))
                                .path("sub").asString();
                    }
                    clients.add(Client.open(gateway, tokens[user], user));
                } catch (Exception e) {
                    failures.incrementAndGet();
                    if (failures.get() <= 3) {
                        System.out.println("socket " + i + " failed: " + e);
                    }
                }
            }
            double openSeconds = (System.nanoTime() - started) / 1e9;
            Thread.onSpinWait();
            waitUntil(() -> clients.stream().allMatch(c -> c.welcomed), Duration.ofSeconds(60));
            long rssAfter = rssKb(pid);
            System.out.printf("sockets open: %d (failed %d) in %.1f s; notification-service RSS %d MB -> %d MB: %.1f KB per socket%n",
                    clients.size(), failures.get(), openSeconds, rssBefore / 1024, rssAfter / 1024,
                    (rssAfter - rssBefore) / (double) Math.max(1, clients.size()));

            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            for (Client client : clients) {
                client.onNewTicket = ticketId -> {
                    Long at = sentAt.get(ticketId);
                    if (at != null) {
                        latencies.add(System.nanoTime() - at);
                    }
                };
            }
            // warm-up: the JIT and the connection pools see the whole path before anything is timed
            for (int e = 0; e < warmup; e++) {
                int user = e % agents.length;
                UUID ticketId = UUID.randomUUID();
                send(producer, Topics.TICKET, TicketCreated.TYPE, "ticket", ticketId, """
                        {"ticketId":"%s","number":"#%d","subject":"Warm-up ticket","status":"new","priority":"normal",
                         "channel":"chat","customerEmail":"bench@example.com","createdAt":"%s"}""".formatted(ticketId,
                        100_000 + e, Instant.now()));
                send(producer, Topics.ASSIGNMENT, AssignmentAssigned.TYPE, "assignment", ticketId, """
                        {"ticketId":"%s","assignmentId":"%s","assigneeId":"%s","assignedBy":{"type":"system"},
                         "reason":"auto","assignedAt":"%s"}""".formatted(ticketId, UUID.randomUUID(), agents[user], Instant.now()));
                Thread.sleep(intervalMs);
            }
            Thread.sleep(2000);
            int expectedFrames = 0;
            for (int e = 0; e < events; e++) {
                int user = e % agents.length;
                expectedFrames += (int) clients.stream().filter(c -> c.user == user).count();
                UUID ticketId = UUID.randomUUID();
                send(producer, Topics.TICKET, TicketCreated.TYPE, "ticket", ticketId, """
                        {"ticketId":"%s","number":"#%d","subject":"Bench ticket","status":"new","priority":"normal",
                         "channel":"chat","customerEmail":"bench@example.com","createdAt":"%s"}""".formatted(ticketId,
                        1000 + e, Instant.now()));
                long before = System.nanoTime();
                send(producer, Topics.ASSIGNMENT, AssignmentAssigned.TYPE, "assignment", ticketId, """
                        {"ticketId":"%s","assignmentId":"%s","assigneeId":"%s","assignedBy":{"type":"system"},
                         "reason":"auto","assignedAt":"%s"}""".formatted(ticketId, UUID.randomUUID(), agents[user], Instant.now()));
                sentAt.put(ticketId.toString(), before);
                Thread.sleep(intervalMs); // open-loop pacing of the producer, not a wait for an outcome
            }
            int expected = expectedFrames;
            waitUntil(() -> latencies.size() >= expected, Duration.ofSeconds(60));
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("frames %d of %d; event on Kafka (ack) -> frame at socket: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    sorted.length, expected, TicketCreateBench.ms(TicketCreateBench.percentile(sorted, 50)),
                    TicketCreateBench.ms(TicketCreateBench.percentile(sorted, 99)), TicketCreateBench.ms(sorted[sorted.length - 1]));
            System.out.println("closed by the server during the run: " + clients.stream().filter(c -> c.closed).count());
            System.out.println("load after: " + AssignmentBench.loadavg());
        } finally {
            clients.forEach(Client::close);
        }
    }

    static void send(KafkaProducer<String, String> producer, String topic, String type, String aggregate, UUID id,
            String data) throws Exception {
        String eventId = UUID.randomUUID().toString();
        String value = """
                {"id":"%s","type":"%s","aggregateType":"%s","aggregateId":"%s","occurredAt":"%s","schemaVersion":1,
                 "actor":{"type":"system"},"data":%s}""".formatted(eventId, type, aggregate, id, Instant.now(), data);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, id.toString(), value);
        record.headers().add("id", eventId.getBytes()).add("eventType", type.getBytes());
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling an outcome in a benchmark driver (no Awaitility on its classpath)
        }
    }

    static final class Client implements WebSocket.Listener {

        final int user;
        volatile boolean welcomed;
        volatile boolean closed;
        volatile java.util.function.Consumer<String> onNewTicket = id -> { };
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        Client(int user) {
            this.user = user;
        }

        static Client open(String gateway, String token, int user) throws Exception {
            HttpResponse<String> ticket = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/realtime/tickets"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (ticket.statusCode() != 201) {
                throw new IllegalStateException("ticket: " + ticket.statusCode() + " " + ticket.body());
            }
            Client client = new Client(user);
            String url = gateway.replaceFirst("^http", "ws") + JSON.readTree(ticket.body()).path("url").asString();
            client.socket = HTTP.newWebSocketBuilder().header("Origin", ORIGIN).buildAsync(URI.create(url), client)
                    .get(10, TimeUnit.SECONDS);
            return client;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.contains("\"new_ticket\"")) {
                    JsonNode frame = JSON.readTree(text);
                    onNewTicket.accept(frame.path("ticketId").asString());
                } else if (text.contains("\"welcome\"")) {
                    welcomed = true;
                }
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            return CompletableFuture.completedFuture(null);
        }

        void close() {
            if (socket != null && !socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            }
        }
    }
}
