package com.quimbi.crm.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import com.quimbi.crm.contracts.sla.ClockState;
import com.quimbi.crm.contracts.sla.PauseReason;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.sla.SlaClockUpdated;
import com.quimbi.crm.contracts.sla.SlaMet;
import com.quimbi.crm.contracts.sla.SlaMetric;
import com.quimbi.crm.contracts.sla.SlaPaused;
import com.quimbi.crm.contracts.sla.SlaResumed;
import com.quimbi.crm.contracts.sla.SlaWarning;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.sla.calendar.BusinessCalendar;
import com.quimbi.crm.sla.policy.Metric;
import com.quimbi.crm.sla.policy.SlaPolicy;

/**
 * The clock rules, without storage: a ticket's clocks as of {@code now}, computed from its history, the policy
 * that applies and the clocks stored so far, and the events that became due (each once: what a stored clock
 * says was published is not published again). {@link SlaClockService} locks, reads, and writes what this returns.
 * Pure: no Spring, no database, no clock of its own.
 */
final class ClockEvaluator {

    /** Cache key of the 24/7 calendar (targets in calendar hours). */
    private static final UUID TWENTY_FOUR_SEVEN = new UUID(0, 0);

    private ClockEvaluator() {
    }

    /** A ticket's clocks and the contract records to publish; {@code unchanged}: ended clocks kept as stored. */
    record Evaluation(Optional<SlaPolicy> policy, List<SlaClock> clocks, List<SlaClock> unchanged, List<Object> events) {
    }

    /**
     * @param priority  the ticket's priority, recorded on each clock
     * @param calendars the business calendar of a target that counts business hours
     */
    static Evaluation evaluate(UUID ticketId, String priority, Optional<SlaPolicy> policy, List<HistoryEvent> history,
            List<SlaClock> stored, Function<SlaPolicy.Target, BusinessCalendar> calendars, Instant now) {
        Map<String, SlaClock> byRun = new HashMap<>();
        stored.forEach(c -> byRun.put(c.metric() + ":" + c.cycle(), c));
        Evaluation evaluation = new Evaluation(policy, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Paused paused = new Paused();
        Resumed resumed = new Resumed();
        Map<UUID, BusinessCalendar> calendarCache = new HashMap<>();
        for (ClockRun run : ClockTimeline.build(history)) {
            SlaClock old = byRun.get(run.metric() + ":" + run.cycle());
            if (old != null && !old.status().open()) {
                evaluation.clocks.add(old); // an ended clock keeps its recorded outcome, whatever the policy now says
                evaluation.unchanged.add(old);
                continue;
            }
            SlaPolicy.Target target = policy.flatMap(p -> p.target(run.metric())).orElse(null);
            UUID policyId = policy.map(SlaPolicy::id).orElse(null);
            List<Integer> thresholds = policy.map(SlaPolicy::warningThresholds).orElse(List.of());
            if (target == null) {
                if (old == null) {
                    continue; // the policy does not measure this metric
                }
                // the ticket no longer matches a policy measuring it: keep counting against the old target
                target = new SlaPolicy.Target(old.metric(), Duration.ofSeconds(old.targetSeconds()), old.businessHours(),
                        old.calendarId());
                policyId = old.policyId();
            }
            SlaPolicy.Target chosen = target;
            BusinessCalendar calendar = calendarCache.computeIfAbsent(
                    chosen.calendarId() == null ? TWENTY_FOUR_SEVEN : chosen.calendarId(), id -> calendars.apply(chosen));
            ClockMeasure measure = new ClockMeasure(run, chosen.target(), calendar);
            evaluation.clocks.add(next(ticketId, priority, run, old, chosen, policyId, thresholds, measure, now,
                    evaluation.events, paused, resumed));
        }
        String policyId = policy.map(p -> p.id().toString()).orElse(null);
        paused.publishInto(evaluation.events, ticketId, policyId);
        resumed.publishInto(evaluation.events, ticketId, policyId);
        return evaluation;
    }

    private static SlaClock next(UUID ticketId, String priority, ClockRun run, SlaClock old, SlaPolicy.Target target,
            UUID policyId, List<Integer> thresholds, ClockMeasure measure, Instant now, List<Object> events,
            Paused paused, Resumed resumed) {
        UUID clockId = old == null ? Ids.newId() : old.id();
        String pid = policyId == null ? null : policyId.toString();
        SlaMetric metric = metric(run.metric());
        Instant deadline = measure.deadline();
        boolean breached = measure.breached(now);
        List<Integer> warned = new ArrayList<>(old == null ? List.of() : old.warned());
        Instant breachedAt = old == null ? null : old.breachedAt();
        boolean metPublished = old != null && old.metPublished();
        boolean running = run.status() == RunStatus.RUNNING;

        if (running && !breached) {
            for (int percent : thresholds) {
                if (!warned.contains(percent) && !measure.instantAtPercent(percent).isAfter(now)) {
                    events.add(new SlaWarning(ticketId, metric, percent, deadline, now, pid, clockId));
                    warned.add(percent);
                }
            }
        }
        if (breached && breachedAt == null) {
            events.add(new SlaBreached(ticketId, metric, deadline, pid, now, clockId));
            breachedAt = now;
            // warnings after the breach would only be noise: record them as done
            thresholds.stream().filter(p -> !warned.contains(p)).forEach(warned::add);
        }
        if (run.status() == RunStatus.MET && !metPublished) {
            events.add(new SlaMet(ticketId, metric, deadline, run.endedAt(), breached, pid, clockId));
            metPublished = true;
        }
        if (old != null && old.status() == RunStatus.RUNNING && run.status() == RunStatus.PAUSED) {
            paused.add(run);
        }
        if (old != null && old.status() == RunStatus.PAUSED && running) {
            resumed.add(run, deadline);
        }
        Instant nextCheck = null;
        if (running) {
            for (int percent : thresholds) {
                if (!warned.contains(percent)) {
                    nextCheck = earliest(nextCheck, measure.instantAtPercent(percent));
                }
            }
            nextCheck = breachedAt == null ? earliest(nextCheck, deadline) : nextCheck;
        }
        boolean atRisk = running && !breached && !thresholds.isEmpty()
                && !measure.instantAtPercent(thresholds.getFirst()).isAfter(now);
        warned.sort(null);
        return new SlaClock(clockId, ticketId, run.metric(), run.cycle(), policyId, priority,
                target.target().toSeconds(), target.businessHours(), target.calendarId(), run.startedAt(),
                run.status() == RunStatus.PAUSED ? null : deadline, run.status(), atRisk, run.pausedAt(), run.endedAt(),
                measure.elapsed(now).toSeconds(), breached, List.copyOf(warned), breachedAt, metPublished, nextCheck, now);
    }

    /** What a ticket's sla.clock_updated last said (all null before the first). */
    record Published(UUID policyId, Metric metric, Instant deadline, String state) {
    }

    /**
     * The ticket's summary: its most urgent running clock (earliest deadline), else a paused one, and the overall
     * state. An sla.clock_updated is due whenever that differs from what was last published ({@code fallbackPolicyId}:
     * the ticket's last known policy, named when no clock and no policy does).
     *
     * @return the event to publish, or empty when nothing changed or no SLA ever applied to the ticket
     */
    static Optional<SlaClockUpdated> summary(UUID ticketId, Evaluation evaluation, Published published,
            UUID fallbackPolicyId, Instant now) {
        if (evaluation.clocks.isEmpty() && published.state() == null) {
            return Optional.empty(); // no SLA has ever applied to this ticket
        }
        Optional<SlaClock> urgent = evaluation.clocks.stream().filter(c -> c.status() == RunStatus.RUNNING)
                .min(Comparator.comparing(SlaClock::deadline));
        Optional<SlaClock> pausedClock = evaluation.clocks.stream().filter(c -> c.status() == RunStatus.PAUSED).findFirst();
        SlaClock shown = urgent.or(() -> pausedClock).orElse(null);
        String state = urgent.map(SlaClock::state).orElse(pausedClock.isPresent() ? "paused" : "met");
        Metric metric = shown == null ? null : shown.metric();
        Instant deadline = urgent.map(SlaClock::deadline).orElse(null);
        UUID policyId = shown != null ? shown.policyId() : evaluation.policy.map(SlaPolicy::id).orElse(fallbackPolicyId);
        if (Objects.equals(metric, published.metric()) && Objects.equals(deadline, published.deadline())
                && state.equals(published.state()) && Objects.equals(policyId, published.policyId())) {
            return Optional.empty();
        }
        return Optional.of(new SlaClockUpdated(ticketId, metric == null ? null : metric(metric), deadline,
                ClockState.valueOf(state.toUpperCase(Locale.ROOT)), policyId == null ? null : policyId.toString(), now,
                shown == null ? null : shown.id()));
    }

    static SlaMetric metric(Metric metric) {
        return SlaMetric.valueOf(metric.name());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** The clocks one status change paused: one sla.paused for all of them. */
    private static final class Paused {
        final List<SlaMetric> metrics = new ArrayList<>();
        Instant at;
        String reason;

        void add(ClockRun run) {
            metrics.add(metric(run.metric()));
            at = run.pausedAt();
            reason = run.pauseReason();
        }

        void publishInto(List<Object> events, UUID ticketId, String policyId) {
            if (!metrics.isEmpty()) {
                events.add(new SlaPaused(ticketId, List.copyOf(metrics), at,
                        reason == null ? null : PauseReason.valueOf(reason.toUpperCase(Locale.ROOT)), policyId));
            }
        }
    }

    private static final class Resumed {
        final List<SlaMetric> metrics = new ArrayList<>();
        final Map<SlaMetric, Instant> deadlines = new LinkedHashMap<>();
        Instant at;

        void add(ClockRun run, Instant deadline) {
            metrics.add(metric(run.metric()));
            deadlines.put(metric(run.metric()), deadline);
            at = run.lastResumedAt();
        }

        void publishInto(List<Object> events, UUID ticketId, String policyId) {
            if (!metrics.isEmpty()) {
                events.add(new SlaResumed(ticketId, List.copyOf(metrics), at, Map.copyOf(deadlines), policyId));
            }
        }
    }
}
