package com.quimbi.crm.sla.clock;

import java.time.Instant;
import java.util.UUID;

import com.quimbi.crm.sla.policy.Metric;

import io.swagger.v3.oas.annotations.media.Schema;

/** One clock as the API shows it. Durations in seconds of business time (or calendar time, 24/7 targets). */
public record ClockResponse(UUID clockId, UUID ticketId, Metric metric, int cycle,
        @Schema(description = "on_track, at_risk, breached, paused, met, stopped") String state, UUID policyId,
        String priority, long targetSeconds, boolean businessHours, UUID calendarId, Instant startedAt,
        @Schema(description = "null while paused") Instant deadline, long elapsedSeconds, long remainingSeconds,
        boolean breached, @Schema(description = "when sla.breached was published") Instant breachedAt,
        Instant pausedAt, Instant metAt, Instant endedAt, Instant computedAt) {

    static ClockResponse of(SlaClock c) {
        return new ClockResponse(c.id(), c.ticketId(), c.metric(), c.cycle(), c.state(), c.policyId(), c.priority(),
                c.targetSeconds(), c.businessHours(), c.calendarId(), c.startedAt(), c.deadline(), c.elapsedSeconds(),
                Math.max(0, c.targetSeconds() - c.elapsedSeconds()), c.breached(), c.breachedAt(), c.pausedAt(),
                c.status() == RunStatus.MET ? c.endedAt() : null, c.endedAt(), c.computedAt());
    }
}
