package com.quimbi.crm.sla.clock;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.quimbi.crm.sla.policy.Metric;

/**
 * A stored clock: its last computed state plus what was published for it ({@code warned}, {@code breachedAt},
 * {@code metPublished}) so every event goes out once per clock and threshold.
 */
public record SlaClock(UUID id, UUID ticketId, Metric metric, int cycle, UUID policyId, String priority,
        long targetSeconds, boolean businessHours, UUID calendarId, Instant startedAt, Instant deadline,
        RunStatus status, boolean atRisk, Instant pausedAt, Instant endedAt, long elapsedSeconds, boolean breached,
        List<Integer> warned, Instant breachedAt, boolean metPublished, Instant nextCheckAt, Instant computedAt) {

    /** The state as the API and sla.clock_updated name it. */
    public String state() {
        return switch (status) {
            case MET -> "met";
            case STOPPED -> "stopped";
            case PAUSED -> "paused";
            case RUNNING -> breached ? "breached" : atRisk ? "at_risk" : "on_track";
        };
    }
}
