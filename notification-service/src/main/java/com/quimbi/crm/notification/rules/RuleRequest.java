package com.quimbi.crm.notification.rules;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A rule as an admin writes it (POST creates, PUT replaces). */
public record RuleRequest(
        @NotBlank @Size(max = 100) @Schema(example = "SLA breaches to #support-alerts") String name,
        @NotNull @Schema(example = "sla_breach") EventKind eventKind,
        @Schema(description = "default true") Boolean enabled,
        @Valid RuleFilters filters,
        @NotEmpty @Size(max = 10) List<@Valid @NotNull Destination> destinations) {
}
