package com.quimbi.crm.ticket.message;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.security.CurrentActor;
import com.quimbi.crm.platform.security.Roles;
import com.quimbi.crm.platform.web.ETags;
import com.quimbi.crm.ticket.idempotency.IdempotencyKeys;
import com.quimbi.crm.ticket.message.MessageRequests.AddMessage;
import com.quimbi.crm.ticket.message.MessageRequests.EditMessage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Messages")
@ApiResponse(responseCode = "400", description = "Invalid input (including HTML with scripts or event handlers)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "No such ticket or message",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class MessageController {

    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    @PostMapping("/api/tickets/{ticketId}/messages")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Add a message or internal note", description = "Role: agent or above. A customer's message "
            + "reopens a solved or pending ticket; an agent's first public reply opens a new one; a closed ticket "
            + "takes no messages (409). Publishes message.added (and ticket.status_changed when the status moves).")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "200", description = "Replayed: this Idempotency-Key already added this message "
            + "(header Idempotent-Replayed: true)")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with a different body")
    ResponseEntity<MessageView> add(@PathVariable UUID ticketId, @Valid @RequestBody AddMessage request,
            @Parameter(description = "1-200 visible ASCII characters, e.g. a UUID; a retry with the same key and body "
                    + "returns the message added first instead of a second one")
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        MessageService.Added added = messages.add(ticketId, request, CurrentActor.get(),
                IdempotencyKeys.requireValid(idempotencyKey));
        Message message = added.message();
        if (added.replayed()) {
            return ResponseEntity.ok().eTag(ETags.of(message.version())).header("Idempotent-Replayed", "true")
                    .location(URI.create("/api/messages/" + message.id())).body(MessageView.of(message, null));
        }
        return ResponseEntity.created(URI.create("/api/messages/" + message.id())).eTag(ETags.of(message.version()))
                .body(MessageView.of(message, null));
    }

    @GetMapping("/api/tickets/{ticketId}/messages")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "A ticket's messages", description = "Role: agent or above. Oldest first, internal notes "
            + "included, keyset-paginated; read tells whether the caller has read past each one.")
    CursorPage<MessageView> list(@PathVariable UUID ticketId, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return messages.list(ticketId, reader(), cursor, limit);
    }

    @PostMapping("/api/tickets/{ticketId}/read")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Mark the ticket read", description = "Role: agent or above. For the caller, up to now.")
    @ApiResponse(responseCode = "204", description = "Marked")
    ResponseEntity<Void> markRead(@PathVariable UUID ticketId) {
        messages.markRead(ticketId, reader());
        return ResponseEntity.noContent().build();
    }

    @PatchMapping("/api/messages/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Edit a message", description = "Role: the agent who wrote it, or a supervisor. Customer "
            + "messages cannot be edited (409). Publishes message.updated.")
    ResponseEntity<MessageView> edit(@PathVariable UUID id, @Valid @RequestBody EditMessage request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        Message message = messages.edit(id, request, ETags.ifMatch(ifMatch), CurrentActor.get(), CurrentActor.hasRole(Roles.SUPERVISOR));
        return ResponseEntity.ok().eTag(ETags.of(message.version())).body(MessageView.of(message, null));
    }

    @DeleteMapping("/api/messages/{id}")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Delete a message (soft)", description = "Role: supervisor or admin. Publishes "
            + "message.updated with change deleted.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        messages.delete(id, CurrentActor.get());
        return ResponseEntity.noContent().build();
    }

    private static String reader() {
        Actor actor = CurrentActor.get();
        return String.valueOf(actor.id());
    }
}
