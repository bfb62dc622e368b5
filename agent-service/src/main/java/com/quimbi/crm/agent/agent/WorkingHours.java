package com.quimbi.crm.agent.agent;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * When an agent works, in their own time zone: the same hours on each listed day. {@code end} before
 * {@code start} is a shift across midnight.
 */
@Schema(description = "Working days and hours in the agent's time zone")
public record WorkingHours(
        @NotEmpty @Schema(example = "[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"]")
        List<@NotNull @Pattern(regexp = "mon|tue|wed|thu|fri|sat|sun", message = "must be one of mon, tue, wed, thu, fri, sat, sun") String> days,
        @NotNull @Pattern(regexp = TIME, message = "must be HH:mm") @Schema(example = "09:00") String start,
        @NotNull @Pattern(regexp = TIME, message = "must be HH:mm") @Schema(example = "17:00") String end) {

    static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";

    public WorkingHours {
        days = days == null ? null : days.stream().distinct().toList();
    }
}
