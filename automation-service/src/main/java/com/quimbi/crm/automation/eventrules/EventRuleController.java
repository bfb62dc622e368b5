package com.quimbi.crm.automation.eventrules;

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
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

@RestController
@Tag(name = "Event rules")
@ApiResponse(responseCode = "400", description = "Invalid fields", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class EventRuleController {

    private final EventRuleService rules;
    private final RulePreview preview;

    EventRuleController(EventRuleService rules, RulePreview preview) {
        this.rules = rules;
        this.preview = preview;
    }

    @GetMapping("/api/automations/event-rules")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "List event rules", description = "Role: supervisor or admin. In rule set, position, name order.")
    List<EventRule> list() {
        return rules.list();
    }

    @GetMapping("/api/automations/event-rules/{id}")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Get an event rule", description = "Role: supervisor or admin.")
    @ApiResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    EventRule get(@PathVariable UUID id) {
        return rules.get(id);
    }

    @PostMapping("/api/automations/event-rules")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Create an event rule", description = "Role: admin. Applies to events consumed from now on.")
    @ApiResponse(responseCode = "201", description = "Created; Location points at the rule")
    ResponseEntity<EventRule> create(@Valid @RequestBody EventRuleRequest request) {
        EventRule rule = rules.create(request);
        return ResponseEntity.created(URI.create("/api/automations/event-rules/" + rule.id())).body(rule);
    }

    @PutMapping("/api/automations/event-rules/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Replace an event rule", description = "Role: admin. Firings already counted stay counted.")
    @ApiResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    EventRule update(@PathVariable UUID id, @Valid @RequestBody EventRuleRequest request) {
        return rules.update(id, request);
    }

    @DeleteMapping("/api/automations/event-rules/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Delete an event rule", description = "Role: admin. Its firings not yet done go with it.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/automations/rule-sets")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "List rule set modes", description = "Role: supervisor or admin. A set not listed is all_match.")
    List<EventRuleService.RuleSet> sets() {
        return rules.sets();
    }

    /** The mode of a rule set. */
    record ModeRequest(@jakarta.validation.constraints.NotNull @Pattern(regexp = "^(first_match|all_match)$",
            message = "must be first_match or all_match") String mode) {
    }

    @PutMapping("/api/automations/rule-sets/{name}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Set a rule set's mode", description = "Role: admin. first_match: only the first matching rule "
            + "(by position) that has not reached its firing limit fires; all_match: every matching rule, in order. Audited.")
    EventRuleService.RuleSet putSet(@PathVariable @Pattern(regexp = EventRuleRequest.SET,
            message = "must be 1-100 letters, digits, '_' or '-'") String name, @Valid @RequestBody ModeRequest request) {
        return rules.putSet(name, request.mode());
    }

    @PostMapping("/api/automations/{id}/preview")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Dry-run a rule", description = "Role: supervisor or admin. An event or time rule (enabled or "
            + "not): which open tickets meet its conditions now and what it would change on each (at most 200 listed; "
            + "matching counts all). Changes nothing.")
    @ApiResponse(responseCode = "404", description = "No such rule", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    RulePreview.Result preview(@PathVariable UUID id) {
        return preview.preview(id);
    }
}
