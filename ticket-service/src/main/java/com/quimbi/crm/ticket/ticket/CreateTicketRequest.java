package com.quimbi.crm.ticket.ticket;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "A new ticket. Priority defaults to normal; language to the customer's preference.")
public record CreateTicketRequest(
        @NotBlank @Size(max = 300) @Schema(example = "Order #5521 arrived damaged") String subject,
        @NotBlank @Size(max = 100_000) @Schema(example = "The box was crushed and the mug is broken.") String description,
        @Schema(example = "high") TicketPriority priority,
        @NotNull @Schema(example = "email") TicketChannel channel,
        @NotBlank @Email @Size(max = 320) @Schema(example = "maria.lopez@example.com") String customerEmail,
        @Size(max = 200) @Schema(example = "María López") String customerName,
        @Size(max = Tags.LANGUAGE_MAX) @Pattern(regexp = Tags.LANGUAGE, message = "must be a language tag such as en or pt-BR") @Schema(example = "es") String language,
        @Size(max = Tags.MAX) List<@NotBlank @Pattern(regexp = Tags.PATTERN, message = Tags.MESSAGE) String> tags,
        @Valid TicketMetadata metadata) {

    public CreateTicketRequest(String subject, String description, TicketPriority priority, TicketChannel channel,
            String customerEmail) {
        this(subject, description, priority, channel, customerEmail, null, null, null, null);
    }
}
