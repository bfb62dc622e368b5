package com.quimbi.crm.automation.rules;

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
@RequestMapping("/api/automations/time-rules")
@Tag(name = "Time rules")
@ApiResponse(responseCode = "400", description = "Invalid fields", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class TimeRuleController {

    private final TimeRuleService rules;

    TimeRuleController(TimeRuleService rules) {
        this.rules = rules;
    }

    @GetMapping
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "List time rules", description = "Role: supervisor or admin.")
    List<TimeRule> list() {
        return rules.list();
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Get a time rule", description = "Role: supervisor or admin.")
    @ApiResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    TimeRule get(@PathVariable UUID id) {
        return rules.get(id);
    }

    @PostMapping
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Create a time rule", description = "Role: admin. Due moments of matching tickets are planned "
            + "in the same transaction; a ticket already past the duration is due at once.")
    @ApiResponse(responseCode = "201", description = "Created; Location points at the rule")
    ResponseEntity<TimeRule> create(@Valid @RequestBody TimeRuleRequest request) {
        TimeRule rule = rules.create(request);
        return ResponseEntity.created(URI.create("/api/automations/time-rules/" + rule.id())).body(rule);
    }

    @PutMapping("/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Replace a time rule", description = "Role: admin. Due moments are re-planned.")
    @ApiResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    TimeRule update(@PathVariable UUID id, @Valid @RequestBody TimeRuleRequest request) {
        return rules.update(id, request);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Delete a time rule", description = "Role: admin. Its due moments go with it.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }
}
