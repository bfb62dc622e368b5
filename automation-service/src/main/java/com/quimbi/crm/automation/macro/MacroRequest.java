package com.quimbi.crm.automation.macro;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "A macro. Placeholders in replyText, replyHtml and actions.note: {{customer.first_name}}, "
        + "{{customer.name}}, {{customer.email}}, {{ticket.number}}, {{ticket.subject}}, {{agent.first_name}}; any "
        + "other is a 400 naming it.")
public record MacroRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Refund issued") String name,
        @NotNull @Pattern(regexp = "^(personal|team|shared)$", message = "must be personal, team or shared")
        @Schema(example = "shared") String scope,
        @Size(max = 100) @Schema(description = "required for scope team, none otherwise") String team,
        @Size(max = 20_000) @Schema(example = "Hi {{customer.first_name}}, your refund for {{ticket.number}} is on its way. {{agent.first_name}}") String replyText,
        @Size(max = 50_000) String replyHtml,
        @Valid MacroActions actions) {
}
