package com.quimbi.crm.automation.apply;

import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Macros")
@ApiResponse(responseCode = "404", description = "No such macro (or not the caller's), or no such ticket",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "503", description = "ticket- or assignment-service did not answer: retry with the same Idempotency-Key",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class MacroApplicationController {

    private final MacroApplications applications;

    MacroApplicationController(MacroApplications applications) {
        this.applications = applications;
    }

    @PostMapping("/api/tickets/{ticketId}/macros/{macroId}/preview")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Preview a macro on a ticket", description = "Role: agent or above. The rendered reply "
            + "(plain and HTML) and note, and each ticket field that would change now. Changes nothing.")
    MacroPreview preview(@PathVariable UUID ticketId, @PathVariable UUID macroId) {
        return applications.preview(ticketId, macroId);
    }

    @PostMapping("/api/tickets/{ticketId}/macros/{macroId}/apply")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Apply a macro to a ticket", description = "Role: agent or above; acts as the caller on "
            + "ticket-service (reply, internal note, status, priority, category, tags: recorded on the ticket's "
            + "activity log as the caller's) and assignment-service (assignee: its rules apply). With an "
            + "Idempotency-Key (recommended), repeating the request does only what is left after a failure and "
            + "answers the first result after success (replayed: true). Counts the macro's use; publishes macro.applied.")
    @ApiResponse(responseCode = "200", description = "Applied (or replayed)")
    @ApiResponse(responseCode = "400", description = "Bad Idempotency-Key, or one used for another macro or ticket",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Refused by the owning service (e.g. closed ticket), or the same application is in progress",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<MacroApplication> apply(@PathVariable UUID ticketId, @PathVariable UUID macroId,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) ApplyRequest request) {
        // visible ASCII only, as ticket-service: a header is bytes, and other bytes mean a different key to each hop
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 200
                || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            throw new InvalidInputException("Idempotency-Key", "must be 1-200 visible ASCII characters");
        }
        MacroApplication applied = applications.apply(ticketId, macroId, idempotencyKey,
                request == null || request.sendsReply());
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (applied.replayed()) {
            ok.header("Idempotent-Replayed", "true");
        }
        return ok.body(applied);
    }
}
