package com.quimbi.crm.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.quimbi.crm.devstack.LifecycleAudit;
import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;
import com.quimbi.crm.devstack.ServiceSupervisor;
import com.quimbi.crm.devstack.TicketLifecycles;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./crm chaos [--minutes 5] [--rate 2]}: the full ticket lifecycle through the gateway at a steady rate on a
 * stack of its own (supervised as {@code ./crm up} is, Quimbi enabled and faked by WireMock in this JVM) while, in
 * turn, every service is killed with SIGKILL, the Kafka broker, Kafka Connect and Postgres are restarted, Redis is
 * stopped, Quimbi gets slow and then unreachable, and Keycloak is stopped. The faults are spread evenly over the first
 * two thirds of the minutes given, each watched until the supervisor has the component back (recoveries may overlap:
 * the next fault does not wait); the load runs until every fault has recovered and the minutes are over. Then it prints what the clients saw, the {@link LifecycleAudit} table (target: 0 lost, 0 applied twice) and
 * the time to recover after each fault. Exit code 1 when the audit finds a loss or a double effect.
 */
public final class ChaosBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One line of the recovery table. */
    record Recovery(String fault, double backSeconds, Double firstCreateSeconds, String note) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = TicketCreateBench.options(args);
        Duration minutes = Duration.ofMinutes(Long.parseLong(options.getOrDefault("minutes", "5")));
        double rate = Double.parseDouble(options.getOrDefault("rate", "2"));
        String load = loadAverage();
        WireMockServer quimbi = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        quimbi.start();
        EnrichmentBench.healthy(quimbi, 20);
        List<String> services = List.of("ticket-service", "analytics-service", "quimbi-adapter", "agent-service",
                "assignment-service", "sla-service", "integration-service", "notification-service", "automation-service", "gateway");
        LocalStack stack = LocalStack.start(LocalStackSettings.builder()
                .baseDir(Path.of("target", "chaos-stack").toAbsolutePath())
                .keepData(false)
                .freePorts()
                .serviceReadyTimeout(Duration.ofMinutes(6))
                .services(services)
                .serviceEnv("gateway", Map.of("CRM_RATE_LIMIT_REPLENISH", "100000", "CRM_RATE_LIMIT_BURST", "100000"))
                // the breaker opens for 20 s, so the fallbacks serve while Quimbi is slow or gone and Quimbi is tried again after
                .serviceEnv("quimbi-adapter", Map.of("QUIMBI_ENABLED", "true", "QUIMBI_BASE_URL", quimbi.baseUrl(),
                        "QUIMBI_API_KEY", "chaos-key", "QUIMBI_CIRCUIT_OPEN_FOR", "20s"))
                .build());
        List<String> supervisorLog = new CopyOnWriteArrayList<>();
        int exit;
        try (ServiceSupervisor supervisor = new ServiceSupervisor(stack, line -> {
            supervisorLog.add(line);
            System.out.println(line);
        }).start()) {
            exit = run(stack, quimbi, supervisorLog, services, minutes, rate, load);
        } finally {
            stack.close();
            quimbi.stop();
        }
        System.exit(exit);
    }

    private static int run(LocalStack stack, WireMockServer quimbi, List<String> supervisorLog, List<String> services,
            Duration minutes, double rate, String loadBefore) throws Exception {
        String gateway = stack.serviceUrl("gateway");
        String admin = login(gateway, "adam.admin", "adam-demo-pass");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String username = "chaos-" + run;
        HttpResponse<String> agent = send(gateway, "/api/agents", admin, """
                {"email":"%s@example.com","username":"%s","firstName":"Cay","lastName":"Chaos","role":"agent",
                 "maxConcurrentTickets":5,"initialPassword":"chaos-pass-12345","temporaryPassword":false}"""
                .formatted(username, username));
        if (agent.statusCode() != 201) {
            throw new IllegalStateException("cannot create the chaos agent: " + agent.statusCode() + " " + agent.body());
        }
        String agentId = JSON.readTree(agent.body()).path("id").asString();
        // an access token lives 5 minutes: renewed every 3 while Keycloak answers (while it is down, the last one serves)
        AtomicReference<String> token = new AtomicReference<>(login(gateway, username, "chaos-pass-12345"));
        AtomicReference<Instant> renewed = new AtomicReference<>(Instant.now());
        java.util.function.Supplier<String> bearer = () -> {
            if (Duration.between(renewed.get(), Instant.now()).toMinutes() >= 3) {
                renewed.set(Instant.now());
                try {
                    token.set(login(gateway, username, "chaos-pass-12345"));
                } catch (RuntimeException e) {
                    renewed.set(Instant.now().minusSeconds(150));
                }
            }
            return token.get();
        };

        Instant begin = Instant.now();
        List<Recovery> recoveries = new ArrayList<>();
        List<String> faults = new ArrayList<>(services);
        faults.addAll(List.of("kafka", "kafka-connect", "postgres", "redis", "quimbi slow", "quimbi unreachable", "keycloak"));
        Duration gap = minutes.multipliedBy(2).dividedBy(3).dividedBy(faults.size());
        try (TicketLifecycles lifecycles = new TicketLifecycles(gateway, bearer, run, Duration.ofMinutes(6));
             var watchers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            lifecycles.start(Duration.ofNanos((long) (1e9 / rate)));
            List<java.util.concurrent.Future<Recovery>> watched = new ArrayList<>();
            for (int i = 0; i < faults.size(); i++) {
                String fault = faults.get(i);
                Duration due = gap.multipliedBy(i + 1).minus(Duration.between(begin, Instant.now()));
                if (!due.isNegative()) {
                    pause(due);
                }
                System.out.printf("chaos: %s (%.0f s into the run)%n", fault, Duration.between(begin, Instant.now()).toMillis() / 1000.0);
                watched.add(watchers.submit(() -> inject(stack, quimbi, gateway, supervisorLog, lifecycles, fault)));
                if (fault.startsWith("quimbi ")) {
                    // one Quimbi fault at a time: both use the same WireMock
                    watched.getLast().get();
                }
            }
            for (var recovery : watched) {
                recoveries.add(recovery.get());
            }
            Duration left = minutes.minus(Duration.between(begin, Instant.now()));
            if (!left.isNegative()) {
                pause(left);
            }
            lifecycles.stop();
            lifecycles.awaitAll();
            String loadAfter = loadAverage();
            Duration took = Duration.between(begin, Instant.now());

            List<LifecycleAudit.Check> checks = List.of();
            Instant auditDeadline = Instant.now().plus(Duration.ofMinutes(3));
            do {
                checks = LifecycleAudit.audit(stack.postgres(), stack.kafka().bootstrapServers(), run, lifecycles.ticketIds(),
                        agentId, begin);
                if (checks.stream().allMatch(LifecycleAudit.Check::ok)) {
                    break;
                }
                pause(Duration.ofSeconds(2));
            } while (Instant.now().isBefore(auditDeadline));

            long[] creates = lifecycles.createLatencies();
            StringBuilder out = new StringBuilder();
            out.append(String.format("%n./crm chaos, run %s: %.1f min at %.1f lifecycles/s; load average before %s, after %s%n%n",
                    run, took.toMillis() / 60000.0, rate, loadBefore, loadAfter));
            out.append(String.format("requests: %d lifecycles sent, %d creates accepted, %d creates retried with the same key"
                            + " (%d retries in all), %d lifecycles failed%n", lifecycles.sent(), lifecycles.tickets().size(),
                    lifecycles.createsRetried(), lifecycles.retries(), lifecycles.failures().size()));
            if (creates.length > 0) {
                out.append(String.format("create (retries included): p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                        creates[creates.length / 2] / 1e6, creates[(int) Math.min(creates.length - 1, creates.length * 0.99)] / 1e6,
                        creates[creates.length - 1] / 1e6));
            }
            lifecycles.failures().stream().limit(10).forEach(f -> out.append("  failed: ").append(f).append('\n'));
            out.append('\n').append(LifecycleAudit.table(checks)).append('\n');
            out.append(String.format("| %-20s | %12s | %22s | %s%n|%s|%s|%s|---%n", "fault", "back after s",
                    "first create after s", "note", "-".repeat(22), "-".repeat(14), "-".repeat(24)));
            for (Recovery r : recoveries) {
                out.append(String.format("| %-20s | %12.1f | %22s | %s%n", r.fault(), r.backSeconds(),
                        r.firstCreateSeconds() == null ? "-" : String.format("%.1f", r.firstCreateSeconds()), r.note()));
            }
            System.out.println(out);
            Path report = Path.of("target", "chaos-" + run + ".md");
            Files.writeString(report, out.toString());
            System.out.println("chaos: the table is also in " + report.toAbsolutePath());
            boolean clean = checks.stream().allMatch(LifecycleAudit.Check::ok) && lifecycles.failures().isEmpty();
            return clean ? 0 : 1;
        }
    }

    /** One fault, until the component is back (or the fault is over); how long that took. */
    private static Recovery inject(LocalStack stack, WireMockServer quimbi, String gateway, List<String> supervisorLog,
            TicketLifecycles lifecycles, String fault) {
        Instant at = Instant.now();
        String note = "";
        switch (fault) {
            case "quimbi slow" -> {
                // slower than the adapter's timeouts: the enrichment falls back
                quimbi.resetAll();
                quimbi.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(8000)));
                quimbi.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(8000)));
                pause(Duration.ofSeconds(20));
                EnrichmentBench.healthy(quimbi, 20);
                note = "8 s answers for 20 s";
            }
            case "quimbi unreachable" -> {
                quimbi.resetAll();
                quimbi.stubFor(post(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
                quimbi.stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
                pause(Duration.ofSeconds(20));
                EnrichmentBench.healthy(quimbi, 20);
                note = "connections reset for 20 s";
            }
            default -> {
                long pid = pid(stack, fault);
                ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
                boolean isService = stack.serviceNames().contains(fault);
                if (isService) {
                    process.destroyForcibly();
                    note = "SIGKILL";
                } else if (fault.equals("postgres")) {
                    signal(pid, "INT");
                    note = "restart (fast shutdown)";
                } else {
                    process.destroy();
                    note = fault.equals("redis") ? "stopped" : "restart";
                }
                if (fault.equals("keycloak")) {
                    await(Duration.ofSeconds(30), () -> !process.isAlive());
                    HttpResponse<String> login = sendQuietly(gateway, "/api/auth/login", null,
                            "{\"username\":\"alex.agent\",\"password\":\"alex-demo-pass\"}");
                    note += "; a login meanwhile: " + (login == null ? "no answer" : login.statusCode());
                }
                if (!await(Duration.ofMinutes(8), () -> supervisorLog.stream().anyMatch(line -> line.startsWith("devstack: " + fault + " is back"))
                        && stack.isAlive(fault) && pid(stack, fault) != pid)) {
                    note += "; NOT BACK (gave up waiting)";
                }
            }
        }
        double back = Duration.between(at, Instant.now()).toMillis() / 1000.0;
        Instant backAt = Instant.now();
        await(Duration.ofMinutes(2), () -> lifecycles.firstAcceptedAfter(backAt).isPresent());
        Double firstCreate = lifecycles.firstAcceptedAfter(at).map(t -> Duration.between(at, t).toMillis() / 1000.0).orElse(null);
        return new Recovery(fault, back, firstCreate, note);
    }

    private static long pid(LocalStack stack, String name) {
        return switch (name) {
            case "kafka" -> stack.kafka().pid();
            case "kafka-connect" -> stack.connect().pid();
            case "keycloak" -> stack.keycloak().pid();
            case "postgres" -> stack.postgres().pid();
            case "redis" -> stack.redis().pid();
            default -> stack.service(name).pid();
        };
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed", e);
        }
    }

    private static boolean await(Duration atMost, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(atMost);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                System.out.println("chaos: gave up waiting after " + atMost.toSeconds() + " s");
                return false;
            }
            pause(Duration.ofMillis(250));
        }
        return true;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (Exception e) {
            return "?";
        }
    }

    static String login(String gateway, String username, String password) {
        HttpResponse<String> reply = sendQuietly(gateway, "/api/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (reply == null || reply.statusCode() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + (reply == null ? "no answer" : reply.statusCode() + " " + reply.body()));
        }
        return JSON.readTree(reply.body()).path("accessToken").asString();
    }

    private static HttpResponse<String> send(String gateway, String path, String token, String json) {
        HttpResponse<String> reply = sendQuietly(gateway, path, token, json);
        if (reply == null) {
            throw new IllegalStateException("no answer from " + gateway + path);
        }
        return reply;
    }

    private static HttpResponse<String> sendQuietly(String gateway, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
