package com.quimbi.crm.notification.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One destination of a rule: {@code channel} for slack_channel, {@code address} (optional) for email. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Destination(
        @NotNull DestinationType type,
        @Size(max = 80) @Pattern(regexp = "^(#?[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{8,20})$",
                message = "must be a channel name (#support-alerts) or id (C0123456789)")
        @Schema(example = "#support-alerts") String channel,
        @Size(max = 320) @Email @Schema(example = "oncall@example.com") String address) {
}
