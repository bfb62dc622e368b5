package com.quimbi.crm.automation.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The poller drains until nothing is due, survives a failing wake-up, and starts and stops with the context
 * (twice is harmless, a stopped poller does no more work).
 */
class DuePollerTest {

    /** A table of due work: each call takes one item; an item "fail" throws as a database away would. */
    static final class DueItems {
        final Queue<String> due = new ArrayDeque<>();
        final List<String> done = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        synchronized boolean next() {
            calls.incrementAndGet();
            String item = due.poll();
            if (item == null) {
                return false;
            }
            if (item.equals("fail")) {
                throw new IllegalStateException("database away");
            }
            done.add(item);
            return true;
        }

        synchronized void add(String... items) {
            due.addAll(List.of(items));
        }
    }

    static final class Poller extends DuePoller {
        Poller(DueItems items) {
            super("test-poller", Duration.ofMillis(20), items::next);
        }
    }

    final DueItems items = new DueItems();
    final Poller poller = new Poller(items);

    @AfterEach
    void stop() {
        poller.stop();
    }

    @Test
    void oneWakeUpDrainsEverythingDue() {
        items.add("a", "b", "c");
        poller.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> items.done.size() == 3);
        assertThat(items.done).containsExactly("a", "b", "c");
    }

    @Test
    void aFailureEndsThatWakeUpAndTheNextOneGoesOn() {
        items.add("a", "fail", "b");
        poller.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> items.done.contains("b"));
        assertThat(items.done).containsExactly("a", "b");
        assertThat(poller.isRunning()).isTrue();
    }

    @Test
    void withoutStartOrAfterStopNothingIsTaken() {
        items.add("a");
        poller.poll();
        assertThat(items.calls).hasValue(0);
        assertThat(poller.isRunning()).isFalse();

        poller.start();
        poller.start(); // a second start keeps the one thread
        assertThat(poller.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> items.done.size() == 1);
        poller.stop();
        assertThat(poller.isRunning()).isFalse();
        poller.stop(); // stopping twice is harmless

        items.add("b");
        poller.poll();
        assertThat(items.done).containsExactly("a");
    }

    @Test
    void aStopWhileInterruptedShutsDownAtOnce() {
        poller.start();
        Thread.currentThread().interrupt();
        try {
            poller.stop();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(poller.isRunning()).isFalse();
    }
}
