package com.quimbi.crm.sla.policy;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/sla/policies")
@Tag(name = "SLA policies")
class PolicyController {

    private final PolicyService policies;

    PolicyController(PolicyService policies) {
        this.policies = policies;
    }

    @GetMapping
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "List SLA policies", description = "Role: agent or above. In evaluation order: the first "
            + "enabled policy whose conditions match a ticket applies.")
    List<SlaPolicy> list() {
        return policies.list();
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Get an SLA policy", description = "Role: agent or above.")
    @ApiResponse(responseCode = "404", description = "No such policy", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    SlaPolicy get(@PathVariable UUID id) {
        return policies.get(id);
    }

    @PostMapping
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Create an SLA policy", description = "Role: admin. Conditions on priority, channel, customer "
            + "tier, category, tags (empty = any); targets per metric (first_response, next_response, resolution, periodic_update) in business or calendar hours; "
            + "warning thresholds. Open clocks are recomputed within about one scheduler poll (the new policy may be "
            + "their first match now).")
    @ApiResponse(responseCode = "201", description = "Created; Location points at the policy")
    @ApiResponse(responseCode = "400", description = "Invalid fields: target <= 0, unknown calendar, unknown condition values", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<SlaPolicy> create(@Valid @RequestBody PolicyRequest request) {
        SlaPolicy policy = policies.create(request);
        return ResponseEntity.created(URI.create("/api/sla/policies/" + policy.id())).body(policy);
    }

    @PutMapping("/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Replace an SLA policy", description = "Role: admin. Open (running or paused) clocks pick the "
            + "change up within about one scheduler poll: their tickets choose their policy again (first match) and are "
            + "recomputed as after a priority change.")
    @ApiResponse(responseCode = "400", description = "Invalid fields", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such policy", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    SlaPolicy update(@PathVariable UUID id, @Valid @RequestBody PolicyRequest request) {
        return policies.update(id, request);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Delete an SLA policy", description = "Role: admin. Ended clocks keep their recorded policy id; "
            + "open ones are recomputed within about one scheduler poll with the policy that now matches (or keep their "
            + "target if none measures the metric).")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such policy", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        policies.delete(id);
        return ResponseEntity.noContent().build();
    }
}
