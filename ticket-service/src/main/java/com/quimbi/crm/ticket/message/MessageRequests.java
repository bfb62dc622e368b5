package com.quimbi.crm.ticket.message;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the message API. */
public final class MessageRequests {

    private MessageRequests() {
    }

    @Schema(description = "A message: give body (plain text), html, or both. HTML is sanitized; scripts and event "
            + "handlers are refused. authorType customer records what the customer said (e.g. on the phone).")
    public record AddMessage(
            @Size(max = 200_000) @Schema(example = "Sorry about that! A replacement is on its way.") String body,
            @Size(max = 500_000) @Schema(example = "<p>Sorry about that! <b>A replacement</b> is on its way.</p>") String html,
            @Schema(description = "An internal note, never shown to the customer") Boolean internal,
            @Pattern(regexp = "^(agent|customer)$", message = "must be agent or customer") @Schema(example = "agent") String authorType,
            @Size(max = 20) List<@Valid Attachment> attachments) {
    }

    @Schema(description = "New body of an agent's message (body, html or both).")
    public record EditMessage(@Size(max = 200_000) String body, @Size(max = 500_000) String html) {
    }
}
