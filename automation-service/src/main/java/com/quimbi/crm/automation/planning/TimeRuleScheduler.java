package com.quimbi.crm.automation.planning;

import java.time.Duration;
import java.util.List;
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
 * Fires time rules at their moment (and drains the other {@link DueWork}: event-rule firings), as sla-service's
 * DeadlineScheduler publishes deadlines: {@code threads}
 * threads each poll the due index every {@code poll-interval} (default 200 ms) and fire every due row, one
 * transaction each ({@link RuleFiring#fireNextDue()}), until none is left. Row locks with SKIP LOCKED keep
 * threads and instances from firing the same row twice.
 */
@Component
@ConditionalOnProperty(name = "crm.automation.scheduler.enabled", havingValue = "true", matchIfMissing = true)
class TimeRuleScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TimeRuleScheduler.class);

    private final RuleFiring firing;
    private final List<DueWork> others;
    private final int threads;
    private final Duration pollInterval;
    private volatile ScheduledExecutorService executor;

    TimeRuleScheduler(RuleFiring firing, List<DueWork> others, @Value("${crm.automation.scheduler.threads:2}") int threads,
            @Value("${crm.automation.scheduler.poll-interval:200ms}") Duration pollInterval) {
        if (threads < 1) {
            throw new IllegalArgumentException("crm.automation.scheduler.threads must be at least 1, was " + threads);
        }
        this.firing = firing;
        this.others = List.copyOf(others);
        this.threads = threads;
        this.pollInterval = pollInterval;
    }

    void poll() {
        try {
            boolean more = true;
            while (more && executor != null && !executor.isShutdown()) {
                more = firing.fireNextDue();
                for (DueWork work : others) {
                    more |= work.runNext();
                }
            }
        } catch (RuntimeException e) {
            // the database or Keycloak is away: nothing was counted for the row that rolled back; the next poll retries
            log.warn("time rule firing failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        AtomicInteger number = new AtomicInteger();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(threads, task -> {
            Thread thread = new Thread(task, "time-rules-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor = pool;
        long interval = Math.max(1, pollInterval.toMillis());
        for (int i = 0; i < threads; i++) {
            pool.scheduleWithFixedDelay(this::poll, interval * i / threads, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService pool = executor;
        if (pool == null) {
            return;
        }
        pool.shutdown();
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
