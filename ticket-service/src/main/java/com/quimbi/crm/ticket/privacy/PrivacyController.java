package com.quimbi.crm.ticket.privacy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Data exports built for shops' data requests, for an admin to hand over. */
@RestController
@RequestMapping("/api/privacy/exports")
@Tag(name = "Privacy")
class PrivacyController {

    private final PrivacyService privacy;

    PrivacyController(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @GetMapping
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Data exports", description = "Role: admin. Newest first (limit 1-200, default 50), without content.")
    Map<String, List<PrivacyExport>> list(@RequestParam(required = false) Integer limit) {
        return Map.of("items", privacy.exports(limit));
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "A data export", description = "Role: admin. The customer's profile, tickets (with enrichment) "
            + "and messages as held when the request arrived.")
    PrivacyExport get(@PathVariable UUID id) {
        return privacy.export(id);
    }
}
