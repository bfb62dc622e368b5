package com.quimbi.crm.notification.summary;

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
@Tag(name = "Team summaries")
@ApiResponse(responseCode = "400", description = "Invalid fields",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "No such summary",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class SummaryController {

    private final SummaryService summaries;

    SummaryController(SummaryService summaries) {
        this.summaries = summaries;
    }

    @GetMapping("/api/notifications/summaries")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "The daily and weekly team summaries", description = "Role: supervisor or above. By name.")
    List<TeamSummary> list() {
        return summaries.list();
    }

    @GetMapping("/api/notifications/summaries/{id}")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "One team summary", description = "Role: supervisor or above. ETag = its version.")
    ResponseEntity<TeamSummary> get(@PathVariable UUID id) {
        TeamSummary summary = summaries.get(id);
        return ResponseEntity.ok().eTag(ETags.of(summary.version())).body(summary);
    }

    @PostMapping("/api/notifications/summaries")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Create a team summary", description = "Role: admin. Sent from its next scheduled moment on.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = "A summary with this name exists",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<TeamSummary> create(@Valid @RequestBody SummaryRequest request) {
        TeamSummary summary = summaries.create(request, actor());
        return ResponseEntity.created(URI.create("/api/notifications/summaries/" + summary.id()))
                .eTag(ETags.of(summary.version())).body(summary);
    }

    @PutMapping("/api/notifications/summaries/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Replace a team summary", description = "Role: admin. Optional If-Match (412 when it changed "
            + "since). A period already sent is never sent again.")
    ResponseEntity<TeamSummary> replace(@PathVariable UUID id, @Valid @RequestBody SummaryRequest request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        TeamSummary summary = summaries.replace(id, request, ETags.ifMatch(ifMatch), actor());
        return ResponseEntity.ok().eTag(ETags.of(summary.version())).body(summary);
    }

    @DeleteMapping("/api/notifications/summaries/{id}")
    @PreAuthorize(Roles.IS_ADMIN)
    @Operation(summary = "Delete a team summary", description = "Role: admin.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        summaries.delete(id, actor());
        return ResponseEntity.noContent().build();
    }

    private static String actor() {
        String id = CurrentActor.get().id();
        return id == null ? "system" : id;
    }
}
