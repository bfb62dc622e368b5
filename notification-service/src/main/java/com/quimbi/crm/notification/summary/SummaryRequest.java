package com.quimbi.crm.notification.summary;

import java.time.DayOfWeek;
import java.util.List;

import com.quimbi.crm.notification.rules.Destination;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A team summary as an admin writes it (POST creates, PUT replaces). */
public record SummaryRequest(
        @NotBlank @Size(max = 100) @Schema(example = "Returns team, daily") String name,
        @Size(max = 200) @Schema(description = "the agents' team (agent.team); absent = every team", example = "returns")
        String team,
        @NotNull @Schema(example = "daily") SummaryPeriod period,
        @NotNull @Pattern(regexp = "^([01][0-9]|2[0-3]):[0-5][0-9]$", message = "must be a local time HH:mm")
        @Schema(example = "09:00") String time,
        @NotBlank @Size(max = 64) @Schema(description = "an IANA time zone", example = "Europe/Madrid") String timeZone,
        @Schema(description = "weekly only (default monday)", example = "monday") DayOfWeek dayOfWeek,
        @Schema(description = "default true") Boolean enabled,
        @NotEmpty @Size(max = 10) @Schema(description = "slack_channel (channel) and/or email (address)")
        List<@Valid @NotNull Destination> destinations) {
}
