package com.quimbi.crm.integration.sync;

import java.time.Instant;
import java.util.UUID;

/** A sync job's progress, as an admin sees it. */
public record SyncJob(UUID id, String shop, String kind, String state, int pages, int seen, int synced, int unchanged,
        int failures, String lastError, Instant createdAt, Instant updatedAt, Instant finishedAt) {
}
