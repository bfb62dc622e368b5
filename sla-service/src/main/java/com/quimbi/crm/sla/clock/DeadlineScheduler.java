package com.quimbi.crm.sla.clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes warnings and breaches at their moment. Every poll (default 200 ms) asks the {@code next_check_at}
 * index which tickets have a clock due and handles them; rows are locked with SKIP LOCKED, so any number of
 * instances share the work and none publishes what another did. A full batch is followed at once by the next.
 */
@Component
@ConditionalOnProperty(name = "crm.sla.scheduler.enabled", havingValue = "true", matchIfMissing = true)
public class DeadlineScheduler {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScheduler.class);

    private final SlaClockService clocks;
    private final int batchSize;

    DeadlineScheduler(SlaClockService clocks, @Value("${crm.sla.scheduler.batch-size:100}") int batchSize) {
        this.clocks = clocks;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelayString = "${crm.sla.scheduler.poll-interval:200ms}")
    public void poll() {
        try {
            int handled;
            int rounds = 0;
            do {
                handled = clocks.publishDue(batchSize);
            } while (handled == batchSize && ++rounds < 50);
        } catch (RuntimeException e) {
            // the next poll retries; nothing was published for a batch that rolled back
            log.warn("SLA deadline check failed: {}", e.toString());
        }
    }
}
