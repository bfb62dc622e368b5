package com.quimbi.crm.automation.webhook;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Polls the due deliveries every {@code poll-interval} (500 ms) on one thread and drains them, one attempt per
 * transaction ({@link WebhookSender#sendNextDue()}). SKIP LOCKED lets several instances share the queue.
 */
@Component
@ConditionalOnProperty(name = "crm.automation.webhooks.dispatcher-enabled", havingValue = "true", matchIfMissing = true)
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookSender sender;
    private final WebhookProperties properties;
    private volatile ScheduledExecutorService executor;

    WebhookDispatcher(WebhookSender sender, WebhookProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    void poll() {
        try {
            while (executor != null && !executor.isShutdown() && sender.sendNextDue()) {
                // drain
            }
        } catch (RuntimeException e) {
            // the database is away (the attempt rolled back and stays due): the next poll tries again
            log.warn("webhook dispatch failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "webhooks");
            thread.setDaemon(true);
            return thread;
        });
        executor = pool;
        long interval = Math.max(1, properties.pollInterval().toMillis());
        pool.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
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
