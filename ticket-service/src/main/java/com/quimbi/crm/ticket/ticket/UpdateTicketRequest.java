package com.quimbi.crm.ticket.ticket;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A partial update: fields left out (or null) keep their value; {@code tags} replaces the whole list. */
@Schema(description = "Partial update. Send If-Match with the ETag you read to avoid overwriting someone else's change.")
public record UpdateTicketRequest(
        @Size(min = 1, max = 300) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String subject,
        @Schema(example = "pending") TicketStatus status,
        TicketPriority priority,
        TicketChannel channel,
        @Size(max = Tags.LANGUAGE_MAX) @Pattern(regexp = Tags.LANGUAGE, message = "must be a language tag such as en or pt-BR") String language,
        @Size(max = 64) String category,
        @Size(max = Tags.MAX) List<@NotBlank @Pattern(regexp = Tags.PATTERN, message = Tags.MESSAGE) String> tags,
        @Valid TicketMetadata metadata) {
}
