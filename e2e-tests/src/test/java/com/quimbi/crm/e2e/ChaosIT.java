package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.devstack.DeadLetters;
import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.PostgresServer;
import com.quimbi.crm.devstack.ServiceSupervisor;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faults that lose nothing (issue #20), the short deterministic version of {@code ./crm chaos}: the full ticket
 * lifecycle (create with an Idempotency-Key, an agent's reply, solve) runs through the gateway at a steady rate
 * while ticket-service is killed with SIGKILL and, once the supervisor has it back, the Kafka broker is restarted.
 * Clients retry what they cannot know the outcome of: a create with the same key, a reply only after reading that it
 * is not there yet, a solve as it is. Then: every accepted create made exactly one ticket; every consumer of
 * {@code crm.ticket.events} recorded every one of the tickets' events in its inbox (nothing lost) and applied each
 * once in effect (counters and reactions once per ticket); nothing was parked on a dead-letter topic.
 * <p>
 * On the module's shared stack (its cheapest option: a stack of its own costs minutes to start); it leaves the stack
 * as it found it: the supervisor it starts has both back before the test ends, and it is stopped then.
 */
class ChaosIT {

    /** One lifecycle every 500 ms: 6 gateway calls/s, under the e2e gateway's 10/s per user. */
    private static final Duration PACE = Duration.ofMillis(500);
    /** How long one client keeps retrying (a killed service is back within a minute here, usually much less). */
    private static final Duration CLIENT_PATIENCE = Duration.ofMinutes(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The databases of the services consuming crm.ticket.events (their inbox: processed_message). */
    private static final List<String> TICKET_CONSUMERS = List.of("analytics", "assignment", "automation", "integration",
            "notification", "quimbi", "sla");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger retries = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    @Test
    void aKilledServiceAndARestartedBrokerDuringLoadLoseNothingAndApplyNothingTwice() throws Exception {
        LocalStack stack = E2eStack.get();
        Instant begin = Instant.now();
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        // an agent of its own: its own rate-limit bucket, and its analytics counters are this run's alone
        String username = "chaos-" + run;
        Api.Reply agent = AuthorizationMatrixIT.notLimited(() -> admin.post("/api/agents", """
                {"email":"%s@example.com","username":"%s","firstName":"Cay","lastName":"Chaos","role":"agent",
                 "maxConcurrentTickets":5,"initialPassword":"chaos-pass-12345","temporaryPassword":false}"""
                .formatted(username, username)));
        assertThat(agent.status()).as(agent.toString()).isEqualTo(201);
        String agentId = agent.json().path("id").asString();
        String token = AuthorizationMatrixIT.login(username, "chaos-pass-12345");
        String gateway = stack.serviceUrl("gateway");

        List<String> log = new CopyOnWriteArrayList<>();
        Map<Integer, String> tickets = new ConcurrentHashMap<>();
        try (ServiceSupervisor supervisor = new ServiceSupervisor(stack, log::add).start();
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> lifecycles = new CopyOnWriteArrayList<>();
            AtomicInteger sent = new AtomicInteger();
            Runnable next = () -> {
                int n = sent.incrementAndGet();
                lifecycles.add(clients.submit(() -> lifecycle(gateway, token, n, tickets)));
            };
            var pacer = Executors.newSingleThreadScheduledExecutor();
            pacer.scheduleAtFixedRate(next, 0, PACE.toMillis(), TimeUnit.MILLISECONDS);
            try {
                sleep(Duration.ofSeconds(4));
                long ticketService = stack.service("ticket-service").pid();
                ProcessHandle.of(ticketService).orElseThrow().destroyForcibly();
                awaitBack(stack, "ticket-service", ticketService, () -> stack.service("ticket-service").pid(), log);
                sleep(Duration.ofSeconds(3));
                long broker = stack.kafka().pid();
                ProcessHandle.of(broker).orElseThrow().destroy();
                awaitBack(stack, "kafka", broker, () -> stack.kafka().pid(), log);
                sleep(Duration.ofSeconds(4));
            } finally {
                pacer.shutdownNow();
                pacer.awaitTermination(5, TimeUnit.SECONDS);
            }
            for (Future<?> lifecycle : List.copyOf(lifecycles)) {
                lifecycle.get(CLIENT_PATIENCE.toSeconds() + 30, TimeUnit.SECONDS);
            }
            System.out.printf("ChaosIT %s: %d lifecycles, %d retries; supervisor: %s%n", run, sent.get(), retries.get(), log);
            assertThat(failures).as("lifecycles that failed").isEmpty();
            assertThat(tickets).as("every lifecycle sent got its ticket accepted").hasSize(sent.get());
        }

        verify(stack, List.copyOf(tickets.values()), agentId, token, begin);
    }

    /** Create (same key on every try), reply (unless it is already there), solve: each retried until it holds. */
    private void lifecycle(String gateway, String token, int n, Map<Integer, String> tickets) {
        try {
            Instant deadline = Instant.now().plus(CLIENT_PATIENCE);
            String key = "chaos-" + run + "-" + n;
            String body = """
                    {"subject":"Chaos %s #%d","description":"Steady load while things break.","priority":"normal",
                     "channel":"chat","customerEmail":"chaos-%s@example.com"}""".formatted(run, n, run);
            JsonNode created = untilDone(deadline, "create #" + n, () -> call(HttpRequest.newBuilder(URI.create(gateway + "/api/tickets"))
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)), token), null);
            String id = created.path("id").asString();
            tickets.put(n, id);

            String reply = "Looking into #" + n + " of run " + run;
            untilDone(deadline, "reply #" + n, () -> call(HttpRequest.newBuilder(URI.create(gateway + "/api/tickets/" + id + "/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"" + reply + "\",\"authorType\":\"agent\"}")), token),
                    // an outcome the client could not see (the service died, a timeout) is read back before a retry
                    () -> {
                        Result list = call(HttpRequest.newBuilder(URI.create(gateway + "/api/tickets/" + id + "/messages")).GET(), token);
                        return list.status() == 200 && list.body().contains(reply);
                    });
            untilDone(deadline, "solve #" + n, () -> call(HttpRequest.newBuilder(URI.create(gateway + "/api/tickets/" + id))
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"solved\"}")), token), null);
        } catch (RuntimeException e) {
            failures.add(e.getMessage());
        }
    }

    record Result(int status, String body) {
        /** Not answered by the service, or answered "not now" (409: the same key still in flight): worth another try. */
        boolean retriable() {
            return status < 0 || status == 409 || status == 429 || status == 502 || status == 503 || status == 504;
        }

        /** The request may have been applied: no answer, or the gateway lost the service mid-request. */
        boolean unknownOutcome() {
            return status < 0 || status == 502 || status == 504;
        }
    }

    private JsonNode untilDone(Instant deadline, String what, java.util.function.Supplier<Result> request,
            java.util.function.BooleanSupplier alreadyDone) {
        Duration backoff = Duration.ofMillis(250);
        boolean first = true;
        boolean unknown = false;
        while (true) {
            if (!first) {
                retries.incrementAndGet();
                if (unknown && alreadyDone != null && alreadyDone.getAsBoolean()) {
                    return JSON.createObjectNode();
                }
            }
            first = false;
            Result result = request.get();
            if (result.status() >= 200 && result.status() < 300) {
                return JSON.readTree(result.body());
            }
            if (!result.retriable()) {
                throw new IllegalStateException(what + ": " + result.status() + " " + result.body());
            }
            unknown |= result.unknownOutcome();
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " gave up after " + CLIENT_PATIENCE + ": " + result.status() + " " + result.body());
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : backoff.multipliedBy(2);
        }
    }

    private static Result call(HttpRequest.Builder request, String token) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Until the supervisor has started it again and it serves (a service: readiness; the broker: metadata). */
    private static void awaitBack(LocalStack stack, String name, long oldPid, java.util.function.LongSupplier pid, List<String> log) {
        Awaitility.await(name + " back").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> log.stream().anyMatch(line -> line.contains(name + " is back")) && pid.getAsLong() != oldPid
                        && stack.isAlive(name));
    }

    private void verify(LocalStack stack, List<String> ids, String agentId, String token, Instant begin) throws Exception {
        PostgresServer postgres = stack.postgres();
        int n = ids.size();
        // ticket-service: one ticket per accepted create (a retried create made no second one), one reply each, solved
        Map<String, Long> subjects = counts(postgres, "ticket",
                "SELECT subject, count(*) FROM ticket WHERE subject LIKE ? GROUP BY subject", "Chaos " + run + " #%");
        assertThat(subjects).as("tickets per create").hasSize(n).allSatisfy((subject, count) -> assertThat(count).as(subject).isEqualTo(1));
        assertThat(single(postgres, "ticket", "SELECT count(*) FROM ticket WHERE id = ANY(?::uuid[]) AND status = 'solved'", ids))
                .as("solved tickets").isEqualTo(n);
        assertThat(single(postgres, "ticket", "SELECT count(*) FROM message WHERE ticket_id = ANY(?::uuid[])", ids))
                .as("replies (one per ticket)").isEqualTo(n);
        // the truth: every event ticket-service published about them (its outbox keeps the rows)
        List<String> events = list(postgres, "ticket", "SELECT id::text FROM outbox WHERE aggregateid = ANY(?) AND aggregatetype = 'ticket'", ids);
        assertThat(events).as("events per ticket: created, message, solved").hasSizeGreaterThanOrEqualTo(3 * n);

        Awaitility.await("every consumer has every event").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (String consumer : TICKET_CONSUMERS) {
                        assertThat(single(postgres, consumer, "SELECT count(DISTINCT message_id) FROM processed_message WHERE message_id = ANY(?::uuid[])", events))
                                .as("%s's inbox: the tickets' events recorded", consumer).isEqualTo(events.size());
                    }
                });
        // applied once in effect: counters and reactions, once per ticket
        Awaitility.await("analytics caught up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Result today = call(HttpRequest.newBuilder(URI.create(stack.serviceUrl("gateway") + "/api/analytics/agents/" + agentId + "/today")).GET(), token);
            assertThat(today.status()).as(today.body()).isEqualTo(200);
            JsonNode mine = JSON.readTree(today.body());
            assertThat(mine.path("messagesSent").asLong()).as("analytics: messages sent " + mine).isEqualTo(n);
            assertThat(mine.path("ticketsSolved").asLong()).as("analytics: tickets solved " + mine).isEqualTo(n);
            assertThat(mine.path("firstReplies").asLong()).as("analytics: first replies " + mine).isEqualTo(n);
        });
        assertThat(single(postgres, "analytics", "SELECT count(*) FROM ticket_fact WHERE ticket_id = ANY(?::uuid[]) AND status = 'solved'", ids))
                .as("analytics: tickets counted, solved").isEqualTo(n);
        assertThat(single(postgres, "sla", "SELECT count(*) FROM sla_ticket WHERE ticket_id = ANY(?::uuid[]) AND status = 'solved'", ids))
                .as("sla: tickets tracked, solved").isEqualTo(n);
        assertThat(single(postgres, "sla", "SELECT count(*) - count(DISTINCT event_id) FROM sla_ticket_event WHERE ticket_id = ANY(?::uuid[])", ids))
                .as("sla: history entries applied twice").isZero();
        assertThat(single(postgres, "assignment", "SELECT count(*) FROM ticket WHERE id = ANY(?::uuid[]) AND status = 'solved'", ids))
                .as("assignment: tickets known, solved").isEqualTo(n);
        assertThat(single(postgres, "assignment", "SELECT count(*) FROM (SELECT ticket_id FROM ticket_assignment WHERE ticket_id = ANY(?::uuid[]) AND reason = 'auto' GROUP BY ticket_id HAVING count(*) > 1) t", ids))
                .as("assignment: tickets auto-assigned twice").isZero();
        assertThat(single(postgres, "quimbi", "SELECT count(*) FROM ticket_enrichment WHERE ticket_id = ANY(?::uuid[])", ids))
                .as("quimbi-adapter: tickets enriched").isEqualTo(n);
        assertThat(single(postgres, "quimbi", "SELECT count(*) FROM outbox WHERE aggregateid = ANY(?) AND type = 'enrichment.ticket_enriched'", ids))
                .as("quimbi-adapter: enrichments published (once per ticket)").isEqualTo(n);
        // nothing parked on a dead-letter topic during the run, by any consumer
        List<DeadLetters.Parked> parked = new DeadLetters(stack.kafka().bootstrapServers()).list(null).stream()
                .filter(p -> p.parkedAt() == null || p.parkedAt().isAfter(begin)).toList();
        assertThat(parked).as("events parked on dead-letter topics during the run").isEmpty();
    }

    private static Connection connect(PostgresServer postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.superUser(), postgres.superPassword());
    }

    private static long single(PostgresServer postgres, String database, String sql, List<String> ids) throws SQLException {
        try (Connection c = connect(postgres, database); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> list(PostgresServer postgres, String database, String sql, List<String> ids) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(postgres, database); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Map<String, Long> counts(PostgresServer postgres, String database, String sql, String pattern) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = connect(postgres, database); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, pattern);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
