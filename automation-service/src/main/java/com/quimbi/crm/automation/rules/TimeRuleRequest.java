package com.quimbi.crm.automation.rules;

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

@Schema(description = "A time rule: tickets in one of statuses (and priorities, with all tags) for afterMinutes since "
        + "they entered that status get the actions, at most maxFirings times per ticket. Actions as for macros, "
        + "without assignee; the note may not use {{agent.first_name}}.")
public record TimeRuleRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Pending for 3 days: remind") String name,
        Boolean enabled,
        @NotEmpty @Size(max = 6) List<@NotNull @Pattern(regexp = STATUS, message = "must be new, open, pending, on_hold or solved") String> statuses,
        @Size(max = 4) List<@NotNull @Pattern(regexp = "^(low|normal|high|urgent)$", message = "must be low, normal, high or urgent") String> priorities,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9_:.-]{0,39}$", message = "must be a tag") String> tags,
        @NotNull @Min(1) @Max(525_600) @Schema(example = "4320", description = "minutes since the ticket entered its status") Integer afterMinutes,
        @Schema(defaultValue = "false", description = "count afterMinutes in business time (crm.automation.business-hours) only") Boolean businessTime,
        @NotNull @Valid MacroActions actions,
        @Min(1) @Max(10) @Schema(defaultValue = "1") Integer maxFirings) {

    /** Closed tickets never change again, so a rule on them could never act. */
    static final String STATUS = "^(new|open|pending|on_hold|solved)$";
}
