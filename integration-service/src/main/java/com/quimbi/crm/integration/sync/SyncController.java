package com.quimbi.crm.integration.sync;

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

@RestController
@RequestMapping("/api/shopify/sync")
@PreAuthorize(Roles.IS_ADMIN)
class SyncController {

    private final SyncService sync;

    SyncController(SyncService sync) {
        this.sync = sync;
    }

    /** 202: the job runs in the background, a page at a time; follow it at Location. */
    @PostMapping("/customers")
    ResponseEntity<SyncJob> syncCustomers(@Valid @RequestBody StartSyncRequest request) {
        SyncJob job = sync.startCustomers(request.shop(), request.mode() == null ? SyncMode.AUTO : request.mode());
        return ResponseEntity.accepted().location(URI.create("/api/shopify/sync/" + job.id())).body(job);
    }

    @GetMapping("/{id}")
    SyncJob get(@PathVariable UUID id) {
        return sync.get(id);
    }
}
