package com.quimbi.crm.agent.agent;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.contracts.agent.AgentStatus;
import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.web.ETags;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.security.CurrentActor;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/agents")
@Tag(name = "Agents")
class AgentController {

    /** The agent themself, or a supervisor (or admin) for anyone. */
    static final String SELF_OR_SUPERVISOR = Roles.IS_SUPERVISOR + " or (" + Roles.IS_AGENT
            + " and #id.toString() == authentication.name)";

    private final AgentService agents;

    AgentController(AgentService agents) {
        this.agents = agents;
    }

    @PostMapping
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Create an agent",
            description = "Role: admin (any role) or supervisor (role agent only). Creates the Keycloak user (names, "
                    + "password or UPDATE_PASSWORD, realm role) and the profile: both or neither. Publishes agent.created.")
    @ApiResponse(responseCode = "201", description = "Created; Location points at the agent")
    @ApiResponse(responseCode = "400", description = "Invalid fields", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "The caller may not grant this role", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "E-mail or username already taken", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "Keycloak unavailable; nothing was created", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<AgentResponse> create(@Valid @RequestBody CreateAgentRequest request) {
        Agent agent = agents.create(request, caller());
        return ResponseEntity.created(URI.create("/api/agents/" + agent.getId())).eTag(etag(agent))
                .body(AgentResponse.of(agent));
    }

    @GetMapping
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "List agents", description = "Role: agent or above. Oldest first, keyset pagination: pass "
            + "nextCursor back as cursor. Active agents unless active=false.")
    CursorPage<AgentResponse> list(@RequestParam(required = false) AgentStatus status,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) @Parameter(description = "a skill tag, e.g. billing") String skill,
            @RequestParam(required = false) @Parameter(description = "a language tag, e.g. es") String language,
            @RequestParam(required = false) AgentRole role,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) @Parameter(description = "page size, 1-200, default 50") Integer limit) {
        CursorPage<Agent> page = agents.list(new AgentFilter(status, team, skill, language, role, active), cursor, limit);
        return new CursorPage<>(page.items().stream().map(AgentResponse::of).toList(), page.nextCursor());
    }

    @GetMapping("/me")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "The caller's own profile", description = "Role: agent or above. 404 when the caller has no profile.")
    @ApiResponse(responseCode = "404", description = "No profile for this user", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<AgentResponse> me() {
        UUID id;
        try {
            id = UUID.fromString(caller().id());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Agent", caller().id());
        }
        Agent agent = agents.get(id);
        return ResponseEntity.ok().eTag(etag(agent)).body(AgentResponse.of(agent));
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Get an agent", description = "Role: agent or above.")
    @ApiResponse(responseCode = "404", description = "No such agent", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<AgentResponse> get(@PathVariable UUID id) {
        Agent agent = agents.get(id);
        return ResponseEntity.ok().eTag(etag(agent)).body(AgentResponse.of(agent));
    }

    @PatchMapping("/{id}")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Change an agent's profile",
            description = "Role: admin (anyone) or supervisor (agents only, never to a higher role). Absent fields stay. "
                    + "A role change updates the Keycloak role mapping. Optional If-Match with the ETag. Publishes agent.updated.")
    @ApiResponse(responseCode = "403", description = "The caller may not manage this agent or grant this role", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The agent is deactivated", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<AgentResponse> update(@PathVariable UUID id, @Valid @RequestBody UpdateAgentRequest change,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Agent agent = agents.update(id, change, ETags.ifMatch(ifMatch), caller());
        return ResponseEntity.ok().eTag(etag(agent)).body(AgentResponse.of(agent));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Deactivate an agent",
            description = "Role: admin. Disables the Keycloak user and ends their sessions; the profile stays, inactive "
                    + "and offline. Idempotent. Publishes agent.deactivated.")
    @ApiResponse(responseCode = "204", description = "Deactivated")
    @ApiResponse(responseCode = "409", description = "Admins cannot deactivate themselves", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Void> deactivate(@PathVariable UUID id) {
        agents.deactivate(id, caller());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{id}/status")
    @PreAuthorize(SELF_OR_SUPERVISOR)
    @Operation(summary = "Set an agent's status", description = "Role: the agent themself, or supervisor and above. "
            + "Publishes agent.status_changed when the status changes.")
    @ApiResponse(responseCode = "403", description = "Another agent's status", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<AgentResponse> changeStatus(@PathVariable UUID id, @Valid @RequestBody ChangeStatusRequest request) {
        Agent agent = agents.changeStatus(id, request.status(), caller());
        return ResponseEntity.ok().eTag(etag(agent)).body(AgentResponse.of(agent));
    }

    private static String etag(Agent agent) {
        return ETags.of(agent.getVersion());
    }

    /** The token's subject and roles (admin implies supervisor). */
    private static Caller caller() {
        return new Caller(SecurityContextHolder.getContext().getAuthentication().getName(),
                CurrentActor.hasRole(Roles.SUPERVISOR), CurrentActor.hasRole(Roles.ADMIN));
    }
}
