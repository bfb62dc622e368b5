package com.quimbi.crm.analytics.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code crm.analytics.*}: the longest date range a query may span, and the business targets shown by
 * {@code GET /api/analytics/targets}.
 */
@ConfigurationProperties("crm.analytics")
public record AnalyticsProperties(@DefaultValue("366") int maxSpanDays, @DefaultValue("30") int defaultSpanDays,
        List<Target> targets, @DefaultValue BusinessHoursSettings businessHours) {

    /**
     * {@code crm.analytics.business-hours}: the working week business time is measured in. Default: sla-service's
     * default calendar (Mon–Fri 09:00–17:00 UTC, no holidays). {@code start} = {@code end}: the whole day.
     */
    public record BusinessHoursSettings(@DefaultValue("UTC") String zone,
            @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) List<java.time.DayOfWeek> days,
            @DefaultValue("09:00") java.time.LocalTime start, @DefaultValue("17:00") java.time.LocalTime end,
            @DefaultValue List<java.time.LocalDate> holidays) {
    }

    /**
     * A goal: {@code metric} (first_response_p95_seconds, resolution_p95_seconds, sla_compliance,
     * tickets_per_agent_day, csat) compared with {@code goal} by {@code comparator} ({@code lt}, {@code gt}).
     */
    public record Target(String name, String metric, String comparator, double goal) {
    }

    public AnalyticsProperties {
        if (targets == null || targets.isEmpty()) {
            targets = List.of(new Target("First response p95 under 1 h", "first_response_p95_seconds", "lt", 3600),
                    new Target("Resolution p95 under 24 h", "resolution_p95_seconds", "lt", 86_400),
                    new Target("SLA compliance above 95 %", "sla_compliance", "gt", 0.95),
                    new Target("More than 20 tickets per agent per day", "tickets_per_agent_day", "gt", 20),
                    new Target("CSAT above 4.5 / 5", "csat", "gt", 4.5));
        }
    }
}
