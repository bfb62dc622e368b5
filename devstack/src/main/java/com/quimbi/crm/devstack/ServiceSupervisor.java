package com.quimbi.crm.devstack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Restarts a service or server whose process ended, as an orchestrator would: after 1 s, then 2, 4, … up to 30 s while
 * it keeps dying, back to 1 s once it has stayed up for a minute. Every exit and restart is logged. The servers
 * (Postgres, Redis, Kafka, Kafka Connect, Keycloak) are supervised like the services; GreenMail runs inside the
 * supervisor's JVM and external servers (CRM_POSTGRES_URL, CRM_REDIS_URL) are not ours to restart.
 */
public final class ServiceSupervisor implements AutoCloseable {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration STABLE = Duration.ofMinutes(1);

    /** What is supervised: the local stack's services and servers (LocalStack), or a test's own processes. */
    public interface Supervised {
        /** Everything to watch, by name: services and servers. */
        Set<String> supervisedNames();

        boolean isAlive(String name);

        /** Starts it again where it ran before; returns where it is now (for the log). */
        String restart(String name);
    }

    private final Supervised stack;
    private final Consumer<String> log;
    private final Clock clock;
    private final ScheduledExecutorService checks;
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
    private final Set<String> restarting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** What the supervisor remembers of a service between its crashes. */
    record Backoff(int restarts, Duration next, Instant upSince) {
    }

    public ServiceSupervisor(Supervised stack, Consumer<String> log) {
        this(stack, log, Clock.systemUTC());
    }

    ServiceSupervisor(Supervised stack, Consumer<String> log, Clock clock) {
        this.stack = stack;
        this.log = log;
        this.clock = clock;
        this.checks = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("supervisor-", 0).daemon().factory());
        // at shutdown services die on purpose: no restart may start then (the Reaper's hook runs concurrently)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closed = true, "supervisor-stop"));
        Instant now = clock.instant();
        stack.supervisedNames().forEach(name -> backoffs.put(name, new Backoff(0, FIRST_BACKOFF, now)));
    }

    public ServiceSupervisor start() {
        checks.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    void check() {
        for (String name : stack.supervisedNames()) {
            if (closed || restarting.contains(name) || stack.isAlive(name)) {
                continue;
            }
            Backoff backoff = nextBackoff(backoffs.get(name), clock.instant());
            backoffs.put(name, backoff);
            restarting.add(name);
            log.accept(String.format("devstack: %s exited; restarting it in %d s (restart %d)", name,
                    backoff.next().toSeconds(), backoff.restarts()));
            // each restart on a thread of its own: a service takes up to a minute to start, and the checks' two
            // threads must not hold back the other restarts meanwhile (./crm chaos: Kafka waited 29 s for a thread)
            checks.schedule(() -> Thread.ofVirtual().name("restart-" + name).start(() -> restart(name)),
                    backoff.next().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Doubling waits while a service keeps dying; the first wait again once it had stayed up for a minute. */
    static Backoff nextBackoff(Backoff previous, Instant now) {
        boolean wasStable = previous == null || previous.restarts() == 0
                || Duration.between(previous.upSince(), now).compareTo(STABLE) >= 0;
        Duration next = wasStable ? FIRST_BACKOFF
                : previous.next().multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : previous.next().multipliedBy(2);
        return new Backoff(previous == null ? 1 : previous.restarts() + 1, next, previous == null ? now : previous.upSince());
    }

    private void restart(String name) {
        if (closed) {
            return;
        }
        Instant begin = clock.instant();
        try {
            String where = stack.restart(name);
            Backoff backoff = backoffs.get(name);
            backoffs.put(name, new Backoff(backoff.restarts(), backoff.next(), clock.instant()));
            log.accept(String.format("devstack: %s is back (%s) after %.1f s", name, where,
                    Duration.between(begin, clock.instant()).toMillis() / 1000.0));
        } catch (RuntimeException e) {
            // it died again while starting: the next check sees it down and waits longer
            Backoff backoff = backoffs.get(name);
            backoffs.put(name, new Backoff(backoff.restarts(), backoff.next(), clock.instant()));
            log.accept("devstack: " + name + " did not come back: " + firstLine(e.getMessage()));
        } finally {
            restarting.remove(name);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        closed = true;
        checks.shutdownNow();
    }
}
