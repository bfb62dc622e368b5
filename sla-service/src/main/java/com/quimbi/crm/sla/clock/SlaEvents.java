package com.quimbi.crm.sla.clock;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.quimbi.crm.sla.policy.Metric;

/** The data of the events sla-service publishes (topic crm.sla.events, key = ticket id), per contracts/. */
public final class SlaEvents {

    public static final String AGGREGATE = "sla";

    private SlaEvents() {
    }

    /** {@code sla.clock_updated}: the ticket's most urgent running clock; nextDeadline null when none runs. */
    public record ClockUpdated(UUID ticketId, Metric metric, Instant nextDeadline, String state, String policyId,
            Instant computedAt, UUID clockId) {
        public static final String TYPE = "sla.clock_updated";
    }

    public record Warning(UUID ticketId, Metric metric, int threshold, Instant deadline, Instant warnedAt,
            String policyId, UUID clockId) {
        public static final String TYPE = "sla.warning";
    }

    public record Breached(UUID ticketId, Metric metric, Instant deadline, String policyId, Instant breachedAt,
            UUID clockId) {
        public static final String TYPE = "sla.breached";
    }

    /** {@code breached}: met after the deadline. */
    public record Met(UUID ticketId, Metric metric, Instant deadline, Instant metAt, boolean breached, String policyId,
            UUID clockId) {
        public static final String TYPE = "sla.met";
    }

    /** {@code reason}: the status that paused the clocks (pending, on_hold). */
    public record Paused(UUID ticketId, List<Metric> metrics, Instant pausedAt, String reason, String policyId) {
        public static final String TYPE = "sla.paused";
    }

    public record Resumed(UUID ticketId, List<Metric> metrics, Instant resumedAt, Map<String, Instant> deadlines,
            String policyId) {
        public static final String TYPE = "sla.resumed";
    }
}
