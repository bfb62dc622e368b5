package com.quimbi.crm.analytics.fact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One ticket as crm.ticket.events describes it, folded event by event (the events of one ticket arrive in order:
 * the key is the ticket id). Pure: no I/O, so every definition is unit-tested on hand-made timelines. Each step
 * returns what it adds to the agents' daily sums. Statuses are wire names ({@code new}, {@code on_hold}, ...).
 * Times are calendar time (see analytics-service/README.md, "Definitions").
 */
public final class TicketTimeline {

    /** A status interval that just closed. */
    public record Interval(String status, Instant from, Instant to, long seconds) {
    }

    /** What a status change produced. */
    public record Change(List<AgentDelta> deltas, Interval closed) {
    }

    final UUID ticketId;
    String status;
    String priority;
    String channel;
    Instant createdAt;
    Instant updatedAt;
    UUID customerId;
    Instant statusSince;
    long newSeconds;
    long openSeconds;
    long pendingSeconds;
    long onHoldSeconds;
    Instant firstReplyAt;
    String firstReplyAgent;
    String lastReplyAgent;
    Instant awaitingSince;
    int publicReplies;
    int notes;
    int customerMessages;
    Instant firstResolvedAt;
    Instant resolvedAt;
    String resolvedBy;
    Boolean oneTouch;
    int reopenCount;
    Instant deletedAt;
    /** What ticket_count counts this ticket under, as loaded (null: not counted). */
    String[] counted;
    /** The ticket_volume slots this ticket counts in as loaded: {created, first resolved}, null where it does not. */
    Instant[] volumeCounted = new Instant[2];
    /** The priority as stored (the SLA outcomes carry it). */
    String storedPriority;
    /** The enrichment category (read with the row, written only by enrichment): the rollup groups by it. */
    String category;
    /** What this ticket adds to ticket_rollup as loaded. */
    java.util.Map<List<Object>, TicketRollup.Part> rolledUp = java.util.Map.of();
    /** The working week business time is measured in (set by Facts from the configuration). */
    BusinessHours hours = BusinessHours.ALWAYS;

    public TicketTimeline(UUID ticketId) {
        this.ticketId = ticketId;
    }

    /** Measure business time in {@code hours} (default: 24/7, business time = calendar time). */
    public TicketTimeline measuredIn(BusinessHours hours) {
        this.hours = hours;
        return this;
    }

    public static boolean isResolved(String status) {
        return "solved".equals(status) || "closed".equals(status);
    }

    /** ticket.created; a second one for the same ticket changes nothing. */
    public void created(String status, String priority, String channel, UUID customerId, Instant at) {
        if (createdAt != null) {
            return;
        }
        this.status = status;
        this.priority = priority;
        this.channel = channel;
        this.customerId = customerId;
        this.createdAt = at;
        this.updatedAt = at;
        this.statusSince = at;
        if (isResolved(status)) {
            firstResolvedAt = at;
            resolvedAt = at;
        }
    }

    public void priorityChanged(String priority, Instant at) {
        this.priority = priority;
        touch(at);
    }

    public void deleted(Instant at) {
        deletedAt = at;
        touch(at);
    }

    /**
     * ticket.status_changed: closes the current status interval and counts resolutions and reopens. The solver is
     * the agent who changed the status, else the last agent who replied publicly.
     */
    public Change statusChanged(String to, Instant at, String actorAgentId) {
        List<AgentDelta> deltas = new ArrayList<>();
        Interval closed = null;
        if (status != null && statusSince != null) {
            long seconds = Math.max(0, Duration.between(statusSince, at).toSeconds());
            closed = new Interval(status, statusSince, at, seconds);
            switch (status) {
                case "new" -> newSeconds += seconds;
                case "open" -> openSeconds += seconds;
                case "pending" -> pendingSeconds += seconds;
                case "on_hold" -> onHoldSeconds += seconds;
                default -> {
                    // solved and closed intervals count towards no wait
                }
            }
        }
        boolean wasResolved = isResolved(status);
        if (isResolved(to) && !wasResolved) {
            String solver = actorAgentId != null ? actorAgentId : lastReplyAgent;
            resolvedAt = at;
            resolvedBy = solver;
            boolean first = firstResolvedAt == null;
            if (first) {
                firstResolvedAt = at;
                oneTouch = publicReplies == 1;
            }
            if (solver != null && first) {
                deltas.add(new AgentDelta(solver, DaySplit.day(at), AgentMetric.TICKETS_SOLVED, 1));
                if (oneTouch) {
                    deltas.add(new AgentDelta(solver, DaySplit.day(at), AgentMetric.ONE_TOUCH_SOLVED, 1));
                }
                if (createdAt != null) {
                    deltas.add(new AgentDelta(solver, DaySplit.day(at), AgentMetric.RESOLUTION_SECONDS,
                            Math.max(0, Duration.between(createdAt, at).toSeconds())));
                    deltas.add(new AgentDelta(solver, DaySplit.day(at), AgentMetric.RESOLUTION_BUSINESS_SECONDS,
                            hours.seconds(createdAt, at)));
                }
            }
        } else if (wasResolved && to != null && !isResolved(to)) {
            reopenCount++;
            if (resolvedBy != null) {
                deltas.add(new AgentDelta(resolvedBy, DaySplit.day(at), AgentMetric.REOPENED, 1));
            }
        }
        status = to;
        statusSince = at;
        touch(at);
        return new Change(deltas, closed);
    }

    /**
     * message.added. A public agent reply is the first reply (from creation) or, when the requester wrote since
     * the last agent reply, a next reply (from the requester's first unanswered message); internal notes count as
     * notes only; system messages count for nothing.
     */
    public List<AgentDelta> message(String authorType, String authorId, boolean internal, Instant at) {
        List<AgentDelta> deltas = new ArrayList<>();
        touch(at);
        if ("agent".equals(authorType)) {
            if (internal) {
                notes++;
                if (authorId != null) {
                    deltas.add(new AgentDelta(authorId, DaySplit.day(at), AgentMetric.NOTES_ADDED, 1));
                }
                return deltas;
            }
            publicReplies++;
            if (authorId != null) {
                lastReplyAgent = authorId;
                deltas.add(new AgentDelta(authorId, DaySplit.day(at), AgentMetric.MESSAGES_SENT, 1));
            }
            if (firstReplyAt == null) {
                firstReplyAt = at;
                firstReplyAgent = authorId;
                if (createdAt != null && authorId != null) {
                    deltas.add(new AgentDelta(authorId, DaySplit.day(at), AgentMetric.FIRST_REPLIES, 1));
                    deltas.add(new AgentDelta(authorId, DaySplit.day(at), AgentMetric.FIRST_REPLY_SECONDS,
                            Math.max(0, Duration.between(createdAt, at).toSeconds())));
                    deltas.add(new AgentDelta(authorId, DaySplit.day(at), AgentMetric.FIRST_REPLY_BUSINESS_SECONDS,
                            hours.seconds(createdAt, at)));
                }
            } else if (awaitingSince != null && authorId != null) {
                deltas.add(new AgentDelta(authorId, DaySplit.day(at), AgentMetric.NEXT_REPLIES, 1));
                deltas.add(new AgentDelta(authorId, DaySplit.day(at), AgentMetric.NEXT_REPLY_SECONDS,
                        Math.max(0, Duration.between(awaitingSince, at).toSeconds())));
            }
            awaitingSince = null;
        } else if ("customer".equals(authorType) && !internal) {
            customerMessages++;
            if (firstReplyAt != null && awaitingSince == null) {
                awaitingSince = at;
            }
        }
        return deltas;
    }

    /** The 15-minute slots (UTC) the ticket counts in for volume: created, first resolved; null: not counted. */
    Instant[] volumeSlots() {
        boolean live = deletedAt == null;
        return new Instant[] {live ? slot(createdAt) : null, live ? slot(firstResolvedAt) : null};
    }

    /**
     * The start of the 15-minute slot of {@code at}: every time zone's offset is a multiple of 15 minutes, so a
     * day, week or month in any zone is a whole number of slots.
     */
    public static Instant slot(Instant at) {
        return at == null ? null : Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), 900) * 900);
    }

    /** Status, channel and priority while the ticket counts (known and not deleted), else null. */
    String[] countedAs() {
        return createdAt == null || deletedAt != null ? null : new String[] {status, channel, priority};
    }

    private void touch(Instant at) {
        if (updatedAt == null || at.isAfter(updatedAt)) {
            updatedAt = at;
        }
    }

    // --- the definitions, per ticket (calendar seconds; null when not defined yet)

    /** created → first public agent reply. */
    public Long firstReplySeconds() {
        return createdAt == null || firstReplyAt == null ? null : Duration.between(createdAt, firstReplyAt).toSeconds();
    }

    /** created → first public agent reply, in business hours. */
    public Long firstReplyBusinessSeconds() {
        return createdAt == null || firstReplyAt == null ? null : hours.seconds(createdAt, firstReplyAt);
    }

    /** created → the latest resolution, in business hours. */
    public Long fullResolutionBusinessSeconds() {
        return createdAt == null || resolvedAt == null ? null : hours.seconds(createdAt, resolvedAt);
    }

    /** created → the latest resolution (solved or closed), counting reopens. */
    public Long fullResolutionSeconds() {
        return createdAt == null || resolvedAt == null ? null : Duration.between(createdAt, resolvedAt).toSeconds();
    }

    /** Time in new + open (closed intervals). */
    public long agentWorkSeconds() {
        return newSeconds + openSeconds;
    }

    /** Time in new + open + on_hold: the requester waits on the team. */
    public long requesterWaitSeconds() {
        return newSeconds + openSeconds + onHoldSeconds;
    }

    public long onHoldSeconds() {
        return onHoldSeconds;
    }

    public long pendingSeconds() {
        return pendingSeconds;
    }

    public int reopenCount() {
        return reopenCount;
    }

    public Boolean oneTouch() {
        return oneTouch;
    }

    public String status() {
        return status;
    }

    public String resolvedBy() {
        return resolvedBy;
    }

    public int publicReplies() {
        return publicReplies;
    }

    public int notes() {
        return notes;
    }
}
