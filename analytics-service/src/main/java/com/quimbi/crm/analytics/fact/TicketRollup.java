package com.quimbi.crm.analytics.fact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one ticket adds to {@code ticket_rollup}: per UTC day and per UTC month, for the tickets created then
 * (overall, by channel, by category, by first replier) and for those first resolved then (overall, by priority, by
 * resolver), the counts, sums and histogram buckets the ticket reports read. A function of the ticket's fact row
 * only (the ticket-topic columns and the category), so the rollup is always the sum over the current rows: every
 * change of the row takes the old part out and puts the new one in, whatever order the topics arrive in.
 */
public final class TicketRollup {

    public static final Sums.Aggregate TABLE = new Sums.Aggregate("ticket_rollup",
            List.of("basis", "dimension", "value", "grain", "period"),
            List.of("tickets", "resolved", "first_replies", "first_reply_seconds", "resolutions", "resolution_seconds",
                    "work_seconds", "wait_seconds", "on_hold_seconds", "reopened", "one_touch",
                    "first_replies_business", "first_reply_business_seconds", "resolutions_business",
                    "resolution_business_seconds", "within_1h", "within_4h", "within_8h", "within_24h", "within_3d",
                    "within_7d", "over_7d"),
            List.of("resolution_hist", "first_reply_hist", "first_reply_business_hist", "resolution_business_hist"),
            "tickets");

    /** Upper bounds (exclusive) of the distribution columns within_1h … within_7d; the rest is over_7d. */
    static final long[] DISTRIBUTION = {3600, 14_400, 28_800, 86_400, 259_200, 604_800};
    static final int FIRST_DISTRIBUTION = TABLE.sums().indexOf("within_1h");

    /** One row's share: sums in the order of {@link #TABLE}'s sums, one bucket per histogram (-1: none). */
    public record Part(List<Long> sums, List<Integer> buckets) {
    }

    private TicketRollup() {
    }

    public static Map<List<Object>, Part> of(TicketTimeline t) {
        Map<List<Object>, Part> parts = new HashMap<>();
        if (t.createdAt == null || t.deletedAt != null) {
            return parts;
        }
        Long resolution = t.fullResolutionSeconds();
        Long firstReply = t.firstReplySeconds();
        // tickets created that day
        long[] created = new long[TABLE.sums().size()];
        created[0] = 1;
        created[1] = t.resolvedAt != null ? 1 : 0;
        measure(created, 2, firstReply);
        measure(created, 4, resolution);
        Part createdPart = part(created, resolution, firstReply, null, null);
        LocalDate createdDay = day(t.createdAt);
        put(parts, "created", "all", "", createdDay, createdPart);
        put(parts, "created", "channel", t.channel, createdDay, createdPart);
        put(parts, "created", "category", t.category == null ? "uncategorized" : t.category, createdDay, createdPart);
        put(parts, "created", "agent", t.firstReplyAgent, createdDay, createdPart);
        if (t.firstResolvedAt == null) {
            return parts;
        }
        // tickets first resolved that day
        long[] resolved = created.clone();
        resolved[1] = 0;
        resolved[6] = t.agentWorkSeconds();
        resolved[7] = t.requesterWaitSeconds();
        resolved[8] = t.onHoldSeconds;
        resolved[9] = t.reopenCount > 0 ? 1 : 0;
        resolved[10] = Boolean.TRUE.equals(t.oneTouch) ? 1 : 0;
        Long firstReplyBusiness = t.firstReplyBusinessSeconds();
        Long resolutionBusiness = t.fullResolutionBusinessSeconds();
        measure(resolved, 11, firstReplyBusiness);
        measure(resolved, 13, resolutionBusiness);
        if (resolution != null) {
            int bucket = 0;
            while (bucket < DISTRIBUTION.length && resolution >= DISTRIBUTION[bucket]) {
                bucket++;
            }
            resolved[FIRST_DISTRIBUTION + bucket] = 1;
        }
        Part resolvedPart = part(resolved, resolution, firstReply, firstReplyBusiness, resolutionBusiness);
        LocalDate resolvedDay = day(t.firstResolvedAt);
        put(parts, "resolved", "all", "", resolvedDay, resolvedPart);
        put(parts, "resolved", "priority", t.priority, resolvedDay, resolvedPart);
        put(parts, "resolved", "agent", t.resolvedBy, resolvedDay, resolvedPart);
        return parts;
    }

    /** Adds {@code sign} × every part to the rollup, rows whose part did not change left alone. */
    static void apply(Sums sums, Map<List<Object>, Part> before, Map<List<Object>, Part> after) {
        for (Map.Entry<List<Object>, Part> old : before.entrySet()) {
            if (!old.getValue().equals(after.get(old.getKey()))) {
                add(sums, old.getKey(), old.getValue(), -1);
            }
        }
        for (Map.Entry<List<Object>, Part> now : after.entrySet()) {
            if (!now.getValue().equals(before.get(now.getKey()))) {
                add(sums, now.getKey(), now.getValue(), 1);
            }
        }
    }

    private static void add(Sums sums, List<Object> key, Part part, long sign) {
        sums.touch(TABLE, key);
        for (int i = 0; i < part.sums().size(); i++) {
            if (part.sums().get(i) != 0) {
                sums.add(TABLE, key, TABLE.sums().get(i), sign * part.sums().get(i));
            }
        }
        for (int i = 0; i < part.buckets().size(); i++) {
            if (part.buckets().get(i) >= 0) {
                sums.addToHistogram(TABLE, key, TABLE.histograms().get(i), part.buckets().get(i), sign);
            }
        }
    }

    private static void measure(long[] sums, int at, Long seconds) {
        if (seconds != null) {
            sums[at] = 1;
            sums[at + 1] = seconds;
        }
    }

    private static Part part(long[] sums, Long resolution, Long firstReply, Long firstReplyBusiness,
            Long resolutionBusiness) {
        List<Long> values = new ArrayList<>();
        for (long sum : sums) {
            values.add(sum);
        }
        List<Integer> buckets = new ArrayList<>();
        for (Long seconds : new Long[] {resolution, firstReply, firstReplyBusiness, resolutionBusiness}) {
            buckets.add(seconds == null ? -1 : Histogram.bucket(seconds));
        }
        return new Part(List.copyOf(values), List.copyOf(buckets));
    }

    private static void put(Map<List<Object>, Part> parts, String basis, String dimension, String value,
            LocalDate day, Part part) {
        if (value == null) {
            return;
        }
        parts.put(List.of(basis, dimension, value, "d", day), part);
        parts.put(List.of(basis, dimension, value, "m", day.withDayOfMonth(1)), part);
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
