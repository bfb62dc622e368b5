package com.quimbi.crm.automation.macro;

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
@RequestMapping("/api/macros")
@Tag(name = "Macros")
@ApiResponse(responseCode = "400", description = "Invalid fields, including an unknown placeholder (named in errors)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class MacroController {

    private final MacroService macros;

    MacroController(MacroService macros) {
        this.macros = macros;
    }

    @GetMapping
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "The macros the caller may use", description = "Role: agent or above. The caller's personal "
            + "macros, their team's, and the shared ones (supervisors see every team's), by name; usageCount and "
            + "lastUsedAt show which are worth keeping.")
    List<Macro> list() {
        return macros.list();
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Get a macro", description = "Role: agent or above; 404 for a macro the caller may not use.")
    @ApiResponse(responseCode = "404", description = "No such macro (or not the caller's)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    Macro get(@PathVariable UUID id) {
        return macros.get(id);
    }

    @PostMapping
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Create a macro", description = "Role: agent or above for personal macros and their own "
            + "team's; supervisor or admin for shared ones and any team's.")
    @ApiResponse(responseCode = "201", description = "Created; Location points at the macro")
    @ApiResponse(responseCode = "403", description = "Not allowed to manage macros of that scope", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Macro> create(@Valid @RequestBody MacroRequest request) {
        Macro macro = macros.create(request);
        return ResponseEntity.created(URI.create("/api/macros/" + macro.id())).body(macro);
    }

    @PutMapping("/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Replace a macro", description = "Role: as for create, for both the old and the new scope.")
    @ApiResponse(responseCode = "403", description = "Not allowed to manage it", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such macro", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    Macro update(@PathVariable UUID id, @Valid @RequestBody MacroRequest request) {
        return macros.update(id, request);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Delete a macro", description = "Role: as for create.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Not allowed to manage it", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such macro", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        macros.delete(id);
        return ResponseEntity.noContent().build();
    }
}
