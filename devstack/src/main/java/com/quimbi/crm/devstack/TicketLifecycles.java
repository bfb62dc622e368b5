package com.quimbi.crm.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The full ticket lifecycle through the gateway at a steady pace, as a careful client runs it while things break
 * (ChaosIT, ./crm chaos): create and an agent's reply, each with an Idempotency-Key (every retry with the same key),
 * then solve (idempotent as it is). Answers that say "not now" (409 for a key still in flight, 429, 502, 503, 504)
 * and no answer at all are retried with backoff; any other error fails the lifecycle. Each lifecycle's subject is
 * "Chaos {run} #{n}", so {@link LifecycleAudit} finds its tickets.
 */
public final class TicketLifecycles implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String gateway;
    private final Supplier<String> token;
    private final String run;
    private final Duration patience;
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lifecycle-pacer").daemon().factory());
    private final List<Future<?>> lifecycles = new CopyOnWriteArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger createsRetried = new AtomicInteger();
    private final Map<Integer, String> tickets = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Long> createNanos = Collections.synchronizedList(new ArrayList<>());
    /** When each create first got its ticket (for the time to recover after a fault). */
    private final List<Instant> accepted = new CopyOnWriteArrayList<>();

    /**
     * @param token    the bearer token for each request (a supplier: a long run renews it)
     * @param patience how long one step keeps retrying before the lifecycle fails
     */
    public TicketLifecycles(String gateway, Supplier<String> token, String run, Duration patience) {
        this.gateway = gateway;
        this.token = token;
        this.run = run;
        this.patience = patience;
    }

    /** Starts one lifecycle every {@code pace} until {@link #stop()}. */
    public TicketLifecycles start(Duration pace) {
        pacer.scheduleAtFixedRate(() -> {
            int n = sent.incrementAndGet();
            lifecycles.add(clients.submit(() -> lifecycle(n)));
        }, 0, pace.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    /** Sends no more; the lifecycles under way go on (see {@link #awaitAll}). */
    public void stop() {
        pacer.shutdownNow();
        try {
            pacer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for every lifecycle sent to end (each gives up after its patience). */
    public void awaitAll() throws Exception {
        for (Future<?> lifecycle : lifecycles) {
            try {
                lifecycle.get(patience.toSeconds() * 3 + 30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                failures.add("a lifecycle did not end");
            }
        }
    }

    public String run() {
        return run;
    }

    public int sent() {
        return sent.get();
    }

    /** Lifecycle number to the id of its ticket, for every create that was accepted. */
    public Map<Integer, String> tickets() {
        return Map.copyOf(tickets);
    }

    public List<String> ticketIds() {
        return List.copyOf(tickets.values());
    }

    /** Every retry of any step. */
    public int retries() {
        return retries.get();
    }

    /** Creates that needed more than one try (all with the same key). */
    public int createsRetried() {
        return createsRetried.get();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Create latencies (first try to ticket, retries included), sorted, in nanoseconds. */
    public long[] createLatencies() {
        synchronized (createNanos) {
            return createNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    /** The first create accepted at or after {@code since}, if any. */
    public java.util.Optional<Instant> firstAcceptedAfter(Instant since) {
        return accepted.stream().filter(at -> !at.isBefore(since)).min(Instant::compareTo);
    }

    private void lifecycle(int n) {
        try {
            Instant deadline = Instant.now().plus(patience);
            long begin = System.nanoTime();
            String key = "chaos-" + run + "-" + n;
            String body = """
                    {"subject":"Chaos %s #%d","description":"Steady load while things break.","priority":"normal",
                     "channel":"chat","customerEmail":"chaos-%s@example.com"}""".formatted(run, n, run);
            int before = retries.get();
            Result created = untilDone(deadline, "create #" + n, () -> call(request("/api/tickets")
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body))));
            String id = Http.JSON.readTree(created.body()).path("id").asString();
            tickets.put(n, id);
            accepted.add(Instant.now());
            createNanos.add(System.nanoTime() - begin);
            if (retries.get() > before) {
                createsRetried.incrementAndGet();
            }

            String reply = "Looking into #" + n + " of run " + run;
            untilDone(deadline, "reply #" + n, () -> call(request("/api/tickets/" + id + "/messages")
                    .header("Idempotency-Key", key + "-reply")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"" + reply + "\",\"authorType\":\"agent\"}"))));
            untilDone(deadline, "solve #" + n, () -> call(request("/api/tickets/" + id)
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"solved\"}"))));
        } catch (RuntimeException e) {
            failures.add(e.getMessage());
        }
    }

    record Result(int status, String body) {
        boolean retriable() {
            return status < 0 || status == 409 || status == 429 || status == 502 || status == 503 || status == 504;
        }
    }

    /** Retries until a 2xx. */
    private Result untilDone(Instant deadline, String what, Supplier<Result> request) {
        Duration backoff = Duration.ofMillis(250);
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                retries.incrementAndGet();
            }
            Result result = request.get();
            if (result.status() >= 200 && result.status() < 300) {
                return result;
            }
            if (!result.retriable()) {
                throw new IllegalStateException(what + ": " + result.status() + " " + result.body());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " gave up after " + patience.toSeconds() + " s: " + result.status() + " " + result.body());
            }
            ChildProcess.sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : backoff.multipliedBy(2);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10));
    }

    private Result call(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token.get()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
        clients.shutdownNow();
    }
}
