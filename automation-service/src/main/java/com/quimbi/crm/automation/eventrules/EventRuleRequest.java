package com.quimbi.crm.automation.eventrules;

import java.util.List;

import com.quimbi.crm.automation.macro.MacroActions;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "An event rule: on one of triggers, a ticket meeting the conditions gets the actions (as for "
        + "macros, without assignee) and, if set, an auto-reply; at most maxFirings times per ticket. Rules run in "
        + "position order within their ruleSet (first_match or all_match: PUT /api/automations/rule-sets/{name}).")
public record EventRuleRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Refund requests to billing") String name,
        Boolean enabled,
        @Size(max = 100) @Pattern(regexp = SET, message = "must be 1-100 letters, digits, '_' or '-'") @Schema(defaultValue = "default") String ruleSet,
        @Min(0) @Max(1_000_000) @Schema(defaultValue = "0") Integer position,
        @NotEmpty @Size(max = 3) List<@NotNull @Pattern(regexp = "^(ticket_created|ticket_updated|message_added)$",
                message = "must be ticket_created, ticket_updated or message_added") String> triggers,
        @Valid EventConditions conditions,
        @NotNull @Valid MacroActions actions,
        @Size(max = 20_000) @Schema(description = "a public reply to the customer (e-mail tickets, trigger ticket_created "
                + "only, once per customer per crm.automation.auto-reply-window); ticket/customer placeholders") String autoReply,
        @Min(1) @Max(10) @Schema(defaultValue = "1") Integer maxFirings) {

    static final String SET = "^[A-Za-z0-9_-]{1,100}$";
}
