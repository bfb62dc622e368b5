package com.quimbi.crm.sla.clock;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes warnings and breaches at their moment. {@code crm.sla.scheduler.threads} threads (default 2) each
 * poll every {@code poll-interval} (default 200 ms): a poll handles due tickets one short transaction each
 * ({@link SlaClockService#publishNextDue()}: lock one due ticket with SKIP LOCKED, recompute it as of its own
 * now, commit) until no unlocked ticket is due, then sleeps. Threads and instances share a burst without waiting
 * for or doubling each other: the ticket row lock and the published facts on the clock rows decide who publishes.
 */
@Component
@ConditionalOnProperty(name = "crm.sla.scheduler.enabled", havingValue = "true", matchIfMissing = true)
public class DeadlineScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScheduler.class);

    private final SlaClockService clocks;
    private final int threads;
    private final Duration pollInterval;
    private volatile ScheduledExecutorService executor;

    DeadlineScheduler(SlaClockService clocks, @Value("${crm.sla.scheduler.threads:2}") int threads,
            @Value("${crm.sla.scheduler.poll-interval:200ms}") Duration pollInterval) {
        if (threads < 1) {
            throw new IllegalArgumentException("crm.sla.scheduler.threads must be at least 1, was " + threads);
        }
        this.clocks = clocks;
        this.threads = threads;
        this.pollInterval = pollInterval;
    }

    /** One poll: every due ticket that no one else holds, one transaction each, until none is left. */
    void poll() {
        try {
            while (executor != null && !executor.isShutdown() && clocks.publishNextDue()) {
                // drain
            }
        } catch (RuntimeException e) {
            // the database is away or similar: the next poll retries; nothing was published for a ticket that
            // rolled back. (A failing ticket is handled inside publishNextDue and never ends up here.)
            log.warn("SLA deadline check failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        AtomicInteger number = new AtomicInteger();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(threads, task -> {
            Thread thread = new Thread(task, "sla-deadlines-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor = pool;
        long interval = Math.max(1, pollInterval.toMillis());
        for (int i = 0; i < threads; i++) {
            // staggered, so a quiet system is looked at every interval / threads
            pool.scheduleWithFixedDelay(this::poll, interval * i / threads, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService pool = executor;
        if (pool == null) {
            return;
        }
        pool.shutdown(); // a draining poll stops after its current ticket
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
