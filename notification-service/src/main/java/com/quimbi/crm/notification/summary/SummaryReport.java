package com.quimbi.crm.notification.summary;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.quimbi.crm.notification.slack.SlackAlerts;

/**
 * One team's numbers over one period: tickets opened (volume), tickets still open at its end (backlog), SLA breaches,
 * SLA compliance (clocks met on time / clocks that ended, met or breached) and the most frequent categories of the
 * tickets opened. Rendered for Slack (mrkdwn) and e-mail (plain text).
 */
public record SummaryReport(String name, SummaryPeriod period, String team, ZoneId zone, SummarySchedule.Window window,
        long volume, long backlog, long breaches, long met, List<CategoryCount> topCategories) {

    public record CategoryCount(String category, long tickets) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

    /** Met on time out of the clocks that ended in the period, in percent; null when none ended. */
    public Integer compliancePercent() {
        long ended = met + breaches;
        return ended == 0 ? null : (int) Math.round(met * 100.0 / ended);
    }

    public String title() {
        return (period == SummaryPeriod.WEEKLY ? "Weekly" : "Daily") + " summary: "
                + (team == null ? "all teams" : "team " + team);
    }

    public String subject() {
        return oneLine("[CRM] " + title() + " (" + name + "), until "
                + WHEN.format(window.to().atZone(zone)) + " " + zone.getId());
    }

    /** Lines without markup; Slack's version escapes and bolds. */
    List<String> lines() {
        Integer compliance = compliancePercent();
        String categories = topCategories.isEmpty() ? "none recorded" : String.join(", ",
                topCategories.stream().map(c -> c.category() + " " + c.tickets()).toList());
        return List.of(
                "Period: " + WHEN.format(window.from().atZone(zone)) + " to " + WHEN.format(window.to().atZone(zone)) + " "
                        + zone.getId(),
                "Volume: " + volume + " new ticket" + (volume == 1 ? "" : "s"),
                "Backlog: " + backlog + " open at the end of the period",
                "SLA breaches: " + breaches,
                "SLA compliance: " + (compliance == null ? "no clock ended"
                        : compliance + "% (" + met + " of " + (met + breaches) + " clocks met on time)"),
                "Top categories: " + categories);
    }

    public String slackText() {
        StringBuilder text = new StringBuilder("*").append(SlackAlerts.escape(title())).append("* (")
                .append(SlackAlerts.escape(name)).append(")\n");
        for (String line : lines()) {
            int colon = line.indexOf(':');
            text.append("• *").append(SlackAlerts.escape(line.substring(0, colon))).append("*")
                    .append(SlackAlerts.escape(line.substring(colon))).append('\n');
        }
        return text.toString();
    }

    public String mailText() {
        StringBuilder text = new StringBuilder(title()).append(" (").append(name).append(")\n\n");
        lines().forEach(line -> text.append(line).append('\n'));
        return text.append("\n-- \nSupport CRM summaries: /api/notifications/summaries\n").toString();
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("[\\r\\n]+", " ");
        return flat.length() > 300 ? flat.substring(0, 299) + "…" : flat;
    }
}
