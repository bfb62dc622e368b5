package com.quimbi.crm.platform.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.quimbi.crm.platform.audit.AuditChanges.Change;

/**
 * One recorded change as {@code GET /internal/audit} lists it. {@code cursor} is the keyset position after this
 * record: every service encodes it the same way, so the gateway can continue a merged list from any record.
 */
public record AuditRecord(UUID id, Instant occurredAt, String service, String action, String resourceType,
        String resourceId, AuditActor actor, String clientIp, String requestId, Map<String, Change> changes,
        String cursor) {
}
