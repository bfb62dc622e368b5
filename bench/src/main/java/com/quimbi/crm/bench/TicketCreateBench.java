package com.quimbi.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates tickets through the gateway at a fixed rate (open loop: latency counts from the moment a request
 * was due, so a stalled server cannot hide its queueing), then measures how long a ticket takes to show up
 * in analytics (Postgres → Debezium → Kafka → consumer).
 *
 * <pre>./crm bench [--tickets 3000] [--rate 100] [--lag-samples 50] [--gateway http://localhost:8080]</pre>
 * Without --gateway it starts its own stack (free ports, rate limit raised) and stops it afterwards.
 */
public final class TicketCreateBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int tickets = Integer.parseInt(options.getOrDefault("tickets", "3000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "100"));
        int lagSamples = Integer.parseInt(options.getOrDefault("lag-samples", "50"));
        LocalStack stack = null;
        String gateway = options.get("gateway");
        if (gateway == null) {
            stack = LocalStack.start(LocalStackSettings.builder()
                    .baseDir(Path.of("target", "bench-stack").toAbsolutePath())
                    .keepData(false)
                    .freePorts()
                    .services(List.of("ticket-service", "analytics-service", "gateway"))
                    .serviceEnv("gateway", Map.of("CRM_RATE_LIMIT_REPLENISH", "100000", "CRM_RATE_LIMIT_BURST", "100000"))
                    .build());
            gateway = stack.serviceUrl("gateway");
        }
        try {
            String agent = login(gateway, "alex.agent", "alex-demo-pass");
            String supervisor = login(gateway, "sara.supervisor", "sara-demo-pass");
            long base = total(gateway, supervisor);
            int warmUp = 200;
            warmUp(gateway, agent, warmUp);
            long created = warmUp + createAtFixedRate(gateway, agent, tickets, rate);
            measureLag(gateway, agent, supervisor, lagSamples, base + created);
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    static void warmUp(String gateway, String token, int requests) throws Exception {
        for (int i = 0; i < requests; i++) {
            createTicket(gateway, token, i);
        }
    }

    /** @return how many tickets were created */
    static long createAtFixedRate(String gateway, String token, int tickets, int rate) throws Exception {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long[] latencies = new long[tickets];
        int[] statuses = new int[tickets];
        List<Future<?>> pending = new ArrayList<>(tickets);
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < tickets; i++) {
                long due = start + i * intervalNanos;
                LockSupport.parkNanos(due - System.nanoTime());
                int n = i;
                pending.add(executor.submit(() -> {
                    statuses[n] = createTicket(gateway, token, n);
                    latencies[n] = System.nanoTime() - due;
                    return null;
                }));
            }
            for (Future<?> f : pending) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long ok = Arrays.stream(statuses).filter(s -> s == 201).count();
        Arrays.sort(latencies);
        System.out.printf("create: %d tickets offered at %d/s, %d created (201), %.1f created/s, "
                + "latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", tickets, rate, ok, ok / seconds,
                ms(percentile(latencies, 50)), ms(percentile(latencies, 95)), ms(percentile(latencies, 99)),
                ms(latencies[latencies.length - 1]));
        return ok;
    }

    /**
     * One ticket at a time: the time from its 201 until analytics' count includes it. First waits until every
     * earlier ticket is counted, so the backlog of the load phase cannot pass for this ticket's arrival.
     */
    static void measureLag(String gateway, String agent, String supervisor, int samples, long alreadyCreated)
            throws Exception {
        long expected = alreadyCreated;
        awaitTotal(gateway, supervisor, expected, TimeUnit.SECONDS.toNanos(120));
        long[] lags = new long[samples];
        for (int i = 0; i < samples; i++) {
            if (createTicket(gateway, agent, i) != 201) {
                throw new IllegalStateException("ticket creation failed during the lag phase");
            }
            long created = System.nanoTime();
            expected++;
            awaitTotal(gateway, supervisor, expected, TimeUnit.SECONDS.toNanos(30));
            lags[i] = System.nanoTime() - created;
        }
        Arrays.sort(lags);
        System.out.printf("create → analytics-visible lag over %d tickets: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                samples, ms(percentile(lags, 50)), ms(percentile(lags, 95)), ms(lags[lags.length - 1]));
    }

    static void awaitTotal(String gateway, String supervisor, long expected, long timeoutNanos) throws Exception {
        long deadline = System.nanoTime() + timeoutNanos;
        while (total(gateway, supervisor) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("analytics did not reach " + expected + " tickets in time");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    static int createTicket(String gateway, String token, int n) throws Exception {
        String body = """
                {"subject":"Bench ticket %d","description":"Load test ticket number %d.","priority":"normal",
                 "channel":"web","customerEmail":"bench+%d@example.com"}""".formatted(n, n, n % 500);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/tickets"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    static long total(String gateway, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(gateway + "/api/analytics/tickets/summary")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        return json.path("total").asLong();
    }

    static String login(String gateway, String username, String credential) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + credential + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("accessToken").asString();
    }

    static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static Map<String, String> options(String[] args) {
        java.util.HashMap<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
