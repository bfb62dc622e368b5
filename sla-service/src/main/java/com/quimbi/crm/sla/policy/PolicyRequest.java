package com.quimbi.crm.sla.policy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of POST / PUT /api/sla/policies (PUT replaces the policy). */
public record PolicyRequest(
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "order of evaluation, lowest first; default: after the last policy") Integer position,
        @Schema(description = "default true") Boolean enabled,
        @Valid SlaPolicy.Conditions conditions,
        @NotEmpty @Valid List<TargetRequest> targets,
        @Schema(description = "percent of a target at which sla.warning is published; default [75, 90]")
        List<Integer> warningThresholds) {

    public record TargetRequest(
            @NotNull Metric metric,
            @NotNull @Schema(type = "string", description = "ISO-8601 duration, e.g. PT1H, PT30S, P3D", example = "PT4H")
            Duration target,
            @Schema(description = "true (default): counted in the calendar's working hours; false: calendar hours, 24/7")
            Boolean businessHours,
            @Schema(description = "required with business hours") UUID calendarId) {
    }
}
