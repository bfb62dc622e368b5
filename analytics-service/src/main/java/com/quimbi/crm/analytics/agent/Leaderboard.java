package com.quimbi.crm.analytics.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import com.quimbi.crm.platform.problem.InvalidInputException;

/**
 * Agents ranked by one metric. Only agents whose volume for that metric (the number of samples behind it) reaches
 * {@code minVolume} are ranked; the others are listed as unranked. Equal values share a rank (1, 2, 2, 4) and are
 * listed by volume, then agent id — a tie is marked, never broken silently.
 */
public record Leaderboard(String metric, String direction, long minVolume, String ties, List<Entry> ranked,
        List<Entry> unranked) {

    public record Entry(Integer rank, boolean tied, String agentId, String name, String team, Double value,
            long volume) {
    }

    /** The metrics one may rank by, with their direction and what counts as volume. */
    enum Metric {
        TICKETS_SOLVED(m -> (double) m.ticketsSolved(), AgentMetrics::ticketsSolved, true),
        TICKETS_PER_DAY(AgentMetrics::ticketsPerDay, AgentMetrics::activeDays, true),
        MESSAGES_SENT(m -> (double) m.messagesSent(), AgentMetrics::messagesSent, true),
        FIRST_REPLY_TIME(AgentMetrics::firstReplyAvgSeconds, AgentMetrics::firstReplies, false),
        NEXT_REPLY_TIME(AgentMetrics::nextReplyAvgSeconds, AgentMetrics::nextReplies, false),
        RESOLUTION_TIME(AgentMetrics::resolutionAvgSeconds, AgentMetrics::ticketsSolved, false),
        ONE_TOUCH_RATE(AgentMetrics::oneTouchRate, AgentMetrics::ticketsSolved, true),
        REOPEN_RATE(AgentMetrics::reopenRate, AgentMetrics::ticketsSolved, false),
        OCCUPANCY(AgentMetrics::occupancy, m -> m.onlineSeconds() / 3600, true);

        final Function<AgentMetrics, Double> value;
        final ToLongFunction<AgentMetrics> volume;
        final boolean higherIsBetter;

        Metric(Function<AgentMetrics, Double> value, ToLongFunction<AgentMetrics> volume, boolean higherIsBetter) {
            this.value = value;
            this.volume = volume;
            this.higherIsBetter = higherIsBetter;
        }

        static Metric parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                List<String> names = new ArrayList<>();
                for (Metric m : values()) {
                    names.add(m.name().toLowerCase(Locale.ROOT));
                }
                throw new InvalidInputException("metric", "is not one of " + String.join(", ", names));
            }
        }
    }

    public static Leaderboard rank(List<AgentMetrics> agents, String metricName, long minVolume) {
        Metric metric = Metric.parse(metricName);
        Comparator<Double> byValue = metric.higherIsBetter ? Comparator.reverseOrder() : Comparator.naturalOrder();
        List<AgentMetrics> eligible = agents.stream()
                .filter(a -> metric.value.apply(a) != null && metric.volume.applyAsLong(a) >= minVolume)
                .sorted(Comparator.comparing((AgentMetrics a) -> metric.value.apply(a), byValue)
                        .thenComparing(a -> -metric.volume.applyAsLong(a))
                        .thenComparing(AgentMetrics::agentId))
                .toList();
        List<Entry> ranked = new ArrayList<>();
        for (int i = 0; i < eligible.size(); i++) {
            AgentMetrics a = eligible.get(i);
            Double value = metric.value.apply(a);
            int rank = i + 1;
            if (i > 0 && value.equals(ranked.get(i - 1).value())) {
                rank = ranked.get(i - 1).rank();
            }
            boolean tied = (i > 0 && value.equals(metric.value.apply(eligible.get(i - 1))))
                    || (i + 1 < eligible.size() && value.equals(metric.value.apply(eligible.get(i + 1))));
            ranked.add(new Entry(rank, tied, a.agentId(), a.name(), a.team(), value, metric.volume.applyAsLong(a)));
        }
        List<Entry> unranked = agents.stream().filter(a -> !eligible.contains(a))
                .sorted(Comparator.comparing(AgentMetrics::agentId))
                .map(a -> new Entry(null, false, a.agentId(), a.name(), a.team(), metric.value.apply(a),
                        metric.volume.applyAsLong(a)))
                .toList();
        return new Leaderboard(metric.name().toLowerCase(Locale.ROOT),
                metric.higherIsBetter ? "higher is better" : "lower is better", minVolume,
                "Equal values share a rank (1, 2, 2, 4) and are listed by volume, then agent id; agents below "
                        + "minVolume samples are unranked, since a rank from a handful of tickets is not fair.",
                ranked, unranked);
    }
}
