package com.quimbi.crm.integration.gorgias;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/gorgias/sync")
@PreAuthorize(Roles.IS_ADMIN)
class GorgiasSyncController {

    /** {@code account} optional: the connected account. */
    record StartImportRequest(@Size(max = 63) String account) {
    }

    private final GorgiasSyncService sync;

    GorgiasSyncController(GorgiasSyncService sync) {
        this.sync = sync;
    }

    /** 202: the import runs in the background, a page at a time; follow it at Location. */
    @PostMapping("/tickets")
    ResponseEntity<GorgiasSyncJob> importTickets(@Valid @RequestBody(required = false) StartImportRequest request) {
        GorgiasSyncJob job = sync.startTickets(request == null ? null : request.account());
        return ResponseEntity.accepted().location(URI.create("/api/gorgias/sync/" + job.id())).body(job);
    }

    @GetMapping("/{id}")
    GorgiasSyncJob get(@PathVariable UUID id) {
        return sync.get(id);
    }
}
