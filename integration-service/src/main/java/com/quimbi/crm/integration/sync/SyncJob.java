package com.quimbi.crm.integration.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * A sync job's progress, as an admin sees it. {@code mode}: {@code pages} (cursor paging) or {@code bulk} (one bulk
 * operation; {@code pages} then counts applied chunks of its result), null while the job is still deciding.
 */
public record SyncJob(UUID id, String shop, String kind, String state, String mode, int pages, int seen, int synced, int unchanged,
        int failures, String lastError, Instant createdAt, Instant updatedAt, Instant finishedAt) {
}
