package com.quimbi.crm.notification.rules;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.notification.rules.internal.RuleStore;
import com.quimbi.crm.platform.security.CurrentActor;
import com.quimbi.crm.platform.security.Roles;
import com.quimbi.crm.platform.web.ETags;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Notification rules")
@ApiResponse(responseCode = "400", description = "Invalid fields",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "No such rule",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class RuleController {

    private final RuleService rules;

    RuleController(RuleService rules) {
        this.rules = rules;
    }

    @GetMapping("/api/notifications/rules")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "The notification rules", description = "Role: supervisor or above. By name.")
    List<NotificationRule> list() {
        return rules.list();
    }

    @GetMapping("/api/notifications/rules/{id}")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "One notification rule", description = "Role: supervisor or above. ETag = its version.")
    ResponseEntity<NotificationRule> get(@PathVariable UUID id) {
        NotificationRule rule = rules.get(id);
        return ResponseEntity.ok().eTag(ETags.of(rule.version())).body(rule);
    }

    @PostMapping("/api/notifications/rules")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Create a notification rule", description = "Role: admin. Audited.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = "A rule with this name exists",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<NotificationRule> create(@Valid @RequestBody RuleRequest request) {
        NotificationRule rule = rules.create(request, actor());
        return ResponseEntity.created(URI.create("/api/notifications/rules/" + rule.id())).eTag(ETags.of(rule.version()))
                .body(rule);
    }

    @PutMapping("/api/notifications/rules/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Replace a notification rule", description = "Role: admin. Optional If-Match (412 when the "
            + "rule changed since). Audited.")
    ResponseEntity<NotificationRule> replace(@PathVariable UUID id, @Valid @RequestBody RuleRequest request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        NotificationRule rule = rules.replace(id, request, ETags.ifMatch(ifMatch), actor());
        return ResponseEntity.ok().eTag(ETags.of(rule.version())).body(rule);
    }

    @DeleteMapping("/api/notifications/rules/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Delete a notification rule", description = "Role: admin. Audited.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        rules.delete(id, actor());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/notifications/rules/{id}/audit")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Who changed the rule how", description = "Role: admin. Oldest first, with before/after.")
    List<RuleStore.AuditEntry> audit(@PathVariable UUID id) {
        return rules.audit(id);
    }

    static String actor() {
        String id = CurrentActor.get().id();
        return id == null ? "system" : id;
    }
}
