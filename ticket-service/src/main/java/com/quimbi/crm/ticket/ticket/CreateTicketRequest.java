package com.quimbi.crm.ticket.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(description = "A new ticket. Priority defaults to normal.")
public record CreateTicketRequest(
        @NotBlank @Size(max = 300) @Schema(example = "Order #5521 arrived damaged") String subject,
        @NotBlank @Size(max = 100_000) @Schema(example = "The box was crushed and the mug is broken.") String description,
        @Schema(example = "high") TicketPriority priority,
        @NotNull @Schema(example = "email") TicketChannel channel,
        @NotBlank @Email @Size(max = 320) @Schema(example = "maria.lopez@example.com") String customerEmail) {
}
