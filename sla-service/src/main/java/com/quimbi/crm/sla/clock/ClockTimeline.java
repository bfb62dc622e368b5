package com.quimbi.crm.sla.clock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.quimbi.crm.sla.policy.Metric;

/**
 * The clock rules, as a pure function of a ticket's history (in arrival order, which Kafka keeps per ticket):
 * <ul>
 * <li>created: first_response and resolution start (resolution paused if the ticket starts pending / on hold);</li>
 * <li>an agent's public reply meets the running first_response, else the running next_response;</li>
 * <li>a customer message starts next_response unless first_response or next_response already runs (the
 * earliest unanswered message counts);</li>
 * <li>pending / on_hold pause next_response and resolution (first_response never pauses); any other open status
 * resumes them;</li>
 * <li>solved / closed meets resolution and stops the response clocks (no outcome: nobody was waiting any more);
 * leaving solved / closed (a reopen) starts a new resolution, and a new next_response if a customer message
 * arrived while it was solved;</li>
 * <li>periodic_update: every public agent reply while the ticket is open meets the running periodic_update and
 * starts the next cycle (so the first reply starts it); it pauses like next_response, solved / closed stops it,
 * and after a reopen it waits for the next public agent reply;</li>
 * <li>deleted stops every clock.</li>
 * </ul>
 * Times never go backwards: an event stamped earlier than its predecessor (clock skew between producers) counts
 * as happening at the predecessor's time.
 */
public final class ClockTimeline {

    private static final Set<String> PAUSING = Set.of("pending", "on_hold");
    private static final Set<String> DONE = Set.of("solved", "closed");

    private final List<Run> runs = new ArrayList<>();
    private final Map<Metric, Run> open = new EnumMap<>(Metric.class);
    private final Map<Metric, Integer> cycles = new EnumMap<>(Metric.class);
    private boolean created;
    private String status = "new";
    private Instant unansweredWhileDone;

    private ClockTimeline() {
    }

    public static List<ClockRun> build(List<HistoryEvent> history) {
        ClockTimeline timeline = new ClockTimeline();
        Instant last = Instant.MIN;
        for (HistoryEvent event : history) {
            last = event.at().isAfter(last) ? event.at() : last;
            timeline.apply(event, last);
        }
        return timeline.runs.stream().map(Run::toClockRun).toList();
    }

    private void apply(HistoryEvent event, Instant at) {
        if (event.kind() == HistoryEvent.Kind.CREATED) {
            if (!created) {
                created = true;
                status = event.status() == null ? "new" : event.status();
                if (!DONE.contains(status)) {
                    start(Metric.FIRST_RESPONSE, at);
                    start(Metric.RESOLUTION, at);
                }
            }
            return;
        }
        if (!created) {
            return; // nothing to measure before the ticket exists for us
        }
        switch (event.kind()) {
            case AGENT_REPLY -> {
                unansweredWhileDone = null;
                if (open.containsKey(Metric.FIRST_RESPONSE)) {
                    end(Metric.FIRST_RESPONSE, at, RunStatus.MET);
                } else if (open.containsKey(Metric.NEXT_RESPONSE)) {
                    end(Metric.NEXT_RESPONSE, at, RunStatus.MET);
                }
                end(Metric.PERIODIC_UPDATE, at, RunStatus.MET);
                if (!DONE.contains(status)) {
                    start(Metric.PERIODIC_UPDATE, at); // the next update is due one target after this one
                }
            }
            case CUSTOMER_MESSAGE -> {
                if (DONE.contains(status)) {
                    unansweredWhileDone = unansweredWhileDone == null ? at : unansweredWhileDone;
                } else if (!open.containsKey(Metric.FIRST_RESPONSE) && !open.containsKey(Metric.NEXT_RESPONSE)) {
                    start(Metric.NEXT_RESPONSE, at);
                }
            }
            case STATUS_CHANGED -> changeStatus(event.status(), at);
            case DELETED -> List.copyOf(open.keySet()).forEach(m -> end(m, at, RunStatus.STOPPED));
            default -> throw new IllegalStateException("unhandled " + event.kind());
        }
    }

    private void changeStatus(String to, Instant at) {
        String from = status;
        status = to;
        if (DONE.contains(to)) {
            if (!DONE.contains(from)) {
                end(Metric.RESOLUTION, at, RunStatus.MET);
                end(Metric.FIRST_RESPONSE, at, RunStatus.STOPPED);
                end(Metric.NEXT_RESPONSE, at, RunStatus.STOPPED);
                end(Metric.PERIODIC_UPDATE, at, RunStatus.STOPPED);
            }
        } else if (DONE.contains(from)) {
            start(Metric.RESOLUTION, at);
            if (unansweredWhileDone != null && !open.containsKey(Metric.NEXT_RESPONSE)) {
                start(Metric.NEXT_RESPONSE, at);
            }
            unansweredWhileDone = null;
        } else if (PAUSING.contains(to) && !PAUSING.contains(from)) {
            open.values().stream().filter(r -> r.metric.pausable()).forEach(r -> r.pause(at, to));
        } else if (!PAUSING.contains(to) && PAUSING.contains(from)) {
            open.values().forEach(r -> r.resume(at));
        }
    }

    private void start(Metric metric, Instant at) {
        if (open.containsKey(metric)) {
            return;
        }
        int cycle = cycles.merge(metric, 1, Integer::sum) - 1;
        Run run = new Run(metric, cycle, at);
        if (metric.pausable() && PAUSING.contains(status)) {
            run.pausedAt = at;
            run.pauseReason = status;
        } else {
            run.segments.add(new ClockRun.Segment(at, null));
        }
        runs.add(run);
        open.put(metric, run);
    }

    private void end(Metric metric, Instant at, RunStatus how) {
        Run run = open.remove(metric);
        if (run != null) {
            run.close(at);
            run.status = how;
            run.endedAt = at;
        }
    }

    private static final class Run {
        final Metric metric;
        final int cycle;
        final Instant startedAt;
        final List<ClockRun.Segment> segments = new ArrayList<>();
        RunStatus status = RunStatus.RUNNING;
        Instant pausedAt;
        String pauseReason;
        Instant endedAt;

        Run(Metric metric, int cycle, Instant startedAt) {
            this.metric = metric;
            this.cycle = cycle;
            this.startedAt = startedAt;
        }

        boolean counting() {
            return !segments.isEmpty() && segments.getLast().end() == null;
        }

        void close(Instant at) {
            if (counting()) {
                segments.set(segments.size() - 1, new ClockRun.Segment(segments.getLast().start(), at));
            }
        }

        void pause(Instant at, String reason) {
            if (counting()) {
                close(at);
                pausedAt = at;
                pauseReason = reason;
            }
        }

        void resume(Instant at) {
            if (!counting()) {
                segments.add(new ClockRun.Segment(at, null));
                pausedAt = null;
                pauseReason = null;
            }
        }

        ClockRun toClockRun() {
            RunStatus s = status == RunStatus.RUNNING && !counting() ? RunStatus.PAUSED : status;
            return new ClockRun(metric, cycle, startedAt, List.copyOf(segments), s,
                    s == RunStatus.PAUSED ? pausedAt : null, s == RunStatus.PAUSED ? pauseReason : null, endedAt);
        }
    }
}
