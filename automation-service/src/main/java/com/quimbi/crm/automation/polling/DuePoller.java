package com.quimbi.crm.automation.polling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drains a table of due work: one daemon thread wakes every {@code interval} and calls {@code next} (one row, one
 * transaction, taken with SKIP LOCKED so instances share the work) until it reports that nothing was due. A
 * failure (the database away) rolls its row back; the next wake-up tries again. Started and stopped with the
 * application context; webhook deliveries and CSAT surveys each subclass it as a bean.
 */
public abstract class DuePoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DuePoller.class);

    private final String name;
    private final Duration interval;
    private final BooleanSupplier next;
    private volatile ScheduledExecutorService executor;

    protected DuePoller(String name, Duration interval, BooleanSupplier next) {
        this.name = name;
        this.interval = interval;
        this.next = next;
    }

    void poll() {
        try {
            while (executor != null && !executor.isShutdown() && next.getAsBoolean()) {
                // drain
            }
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", name, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        executor = pool;
        long millis = Math.max(1, interval.toMillis());
        pool.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
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
