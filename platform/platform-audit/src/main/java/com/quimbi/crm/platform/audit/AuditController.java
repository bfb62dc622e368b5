package com.quimbi.crm.platform.audit;

import java.time.Instant;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.security.Roles;

/**
 * {@code GET /internal/audit}: this service's part of the audit trail, for admins. Under {@code /internal} because
 * the gateway routes no such path: clients read the whole trail at the gateway's {@code GET /api/audit}, which asks
 * every service here with the caller's token and merges the pages.
 */
@RestController
class AuditController {

    static final String PATH = "/internal/audit";

    private final AuditRecords records;

    AuditController(AuditRecords records) {
        this.records = records;
    }

    @GetMapping(PATH)
    @PreAuthorize(Roles.IS_ADMIN)
    CursorPage<AuditRecord> list(@RequestParam(required = false) String actor,
            @RequestParam(required = false) String action, @RequestParam(required = false) String resourceType,
            @RequestParam(required = false) String resourceId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        AuditQuery query = new AuditQuery(actor, action, resourceType, resourceId, from, to).validated();
        return records.page(query, cursor, limit);
    }
}
