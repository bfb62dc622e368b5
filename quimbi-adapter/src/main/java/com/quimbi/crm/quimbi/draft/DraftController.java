package com.quimbi.crm.quimbi.draft;

import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;
import com.quimbi.crm.quimbi.insight.ReplyDraft;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Reply drafts")
class DraftController {

    private final DraftService drafts;

    DraftController(DraftService drafts) {
        this.drafts = drafts;
    }

    @PostMapping("/api/ai/tickets/{id}/draft")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Draft a reply", description = "Role: agent or above. A reply the agent edits and sends, "
            + "from Quimbi (cached 1 hour per ticket, conversation and tone) or templates (source \"fallback\"). "
            + "Nothing is sent to the customer.")
    @ApiResponse(responseCode = "200", description = "The draft")
    @ApiResponse(responseCode = "404", description = "The adapter has not seen this ticket (yet)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ReplyDraft draft(@PathVariable UUID id, @RequestBody(required = false) DraftRequest request) {
        Tone tone = request == null || request.tone() == null ? Tone.FRIENDLY : request.tone();
        return drafts.draft(drafts.ticket(id), tone);
    }
}
