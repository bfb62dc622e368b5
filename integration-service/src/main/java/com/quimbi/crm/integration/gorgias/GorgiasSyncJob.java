package com.quimbi.crm.integration.gorgias;

import java.time.Instant;
import java.util.UUID;

/**
 * An import job's progress: {@code state} running/done/failed, pages committed, tickets seen and imported, messages
 * imported, {@code skipped} (known already, ours, or no customer e-mail), {@code throttled} (waits for the rate
 * limit), {@code failures} in a row and the last error.
 */
public record GorgiasSyncJob(UUID id, String account, String state, int pages, int ticketsSeen, int ticketsImported,
        int messagesImported, int skipped, int throttled, int failures, String lastError, Instant createdAt,
        Instant updatedAt, Instant finishedAt) {
}
