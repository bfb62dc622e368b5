package com.quimbi.crm.sla.clock;

import java.time.Instant;
import java.util.List;

import com.quimbi.crm.sla.policy.Metric;

/**
 * One life of one clock as the ticket's history describes it: when it started, the stretches in which it
 * counted ({@code segments}, the last one open while it runs), and how it ended. Nothing here knows targets or
 * calendars; {@link ClockMeasure} adds those.
 */
public record ClockRun(Metric metric, int cycle, Instant startedAt, List<Segment> segments, RunStatus status,
        Instant pausedAt, String pauseReason, Instant endedAt) {

    /** {@code [start, end)}; end null while the clock is counting. */
    public record Segment(Instant start, Instant end) {
    }

    /** When the clock last started counting again (start, or the last resume). */
    public Instant lastResumedAt() {
        return segments.isEmpty() ? startedAt : segments.getLast().start();
    }
}
