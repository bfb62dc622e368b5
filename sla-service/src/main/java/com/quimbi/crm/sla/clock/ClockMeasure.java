package com.quimbi.crm.sla.clock;

import java.time.Duration;
import java.time.Instant;

import com.quimbi.crm.sla.calendar.BusinessCalendar;

/**
 * A {@link ClockRun} measured against a target in a calendar's business time: elapsed and remaining time, the
 * deadline, the moment a warning threshold is reached. Paused stretches never count. Pure.
 */
public record ClockMeasure(ClockRun run, Duration target, BusinessCalendar calendar) {

    /** Business time counted up to {@code now} (or to the end, for a clock that ended). */
    public Duration elapsed(Instant now) {
        Duration total = Duration.ZERO;
        for (ClockRun.Segment s : run.segments()) {
            Instant end = s.end() == null || s.end().isAfter(now) ? now : s.end();
            if (end.isAfter(s.start())) {
                total = total.plus(calendar.between(s.start(), end));
            }
        }
        return total;
    }

    public Duration remaining(Instant now) {
        Duration left = target.minus(elapsed(now));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * The deadline: when the counted time reaches the target. For a clock that is paused or ended before that,
     * the deadline it had while it last counted (its last segment continued).
     */
    public Instant deadline() {
        return instantAt(target);
    }

    /** When {@code percent} of the target is used up (for warnings), projected like {@link #deadline()}. */
    public Instant instantAtPercent(int percent) {
        return instantAt(target.multipliedBy(percent).dividedBy(100));
    }

    /** Whether the deadline passed while the clock counted (for a running clock: by {@code now}). */
    public boolean breached(Instant now) {
        Instant deadline = deadline();
        return switch (run.status()) {
            case RUNNING -> !deadline.isAfter(now);
            case MET, STOPPED -> deadline.isBefore(run.endedAt());
            case PAUSED -> deadline.isBefore(run.pausedAt());
        };
    }

    private Instant instantAt(Duration amount) {
        Duration left = amount;
        Instant lastEnd = run.startedAt();
        for (ClockRun.Segment s : run.segments()) {
            if (s.end() == null) {
                return calendar.plus(s.start(), left);
            }
            Duration available = calendar.between(s.start(), s.end());
            if (left.compareTo(available) <= 0) {
                return calendar.plus(s.start(), left);
            }
            left = left.minus(available);
            lastEnd = s.end();
        }
        // not reached while counting: project from where it stopped counting
        return calendar.plus(lastEnd, left);
    }
}
