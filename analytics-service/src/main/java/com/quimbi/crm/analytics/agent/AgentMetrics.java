package com.quimbi.crm.analytics.agent;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One agent over a range of UTC days, from agent_daily_metrics (definitions: analytics-service/README.md). Averages
 * and rates are null when there is nothing to average.
 */
@Schema(description = "An agent's numbers over a range of days (seconds; calendar time unless named business; "
        + "CSAT has no source until csat.rated exists).")
public record AgentMetrics(String agentId, String name, String team, LocalDate from, LocalDate to, long activeDays,
        long ticketsAssigned, long transfersIn, long transfersOut, long ticketsSolved, long oneTouchSolved,
        long reopened, long messagesSent, long notesAdded, long firstReplies, Double firstReplyAvgSeconds,
        long nextReplies, Double nextReplyAvgSeconds, Double resolutionAvgSeconds, Double oneTouchRate,
        Double reopenRate, long onlineSeconds, long handlingSeconds, Double occupancy, Double ticketsPerDay,
        Double firstReplyBusinessAvgSeconds, Double resolutionBusinessAvgSeconds, long csatRatings,
        Double csatAverage) {

    /** Raw sums as the table holds them. */
    record Sums(String agentId, long activeDays, long ticketsAssigned, long transfersIn, long transfersOut,
            long ticketsSolved, long oneTouchSolved, long resolutionSeconds, long reopened, long messagesSent,
            long notesAdded, long firstReplies, long firstReplySeconds, long nextReplies, long nextReplySeconds,
            long onlineSeconds, long handlingSeconds, long firstReplyBusinessSeconds, long resolutionBusinessSeconds,
            long csatRatings, long csatScoreSum) {

        static Sums plus(Sums a, Sums b) {
            return new Sums(a.agentId, a.activeDays + b.activeDays, a.ticketsAssigned + b.ticketsAssigned,
                    a.transfersIn + b.transfersIn, a.transfersOut + b.transfersOut, a.ticketsSolved + b.ticketsSolved,
                    a.oneTouchSolved + b.oneTouchSolved, a.resolutionSeconds + b.resolutionSeconds,
                    a.reopened + b.reopened, a.messagesSent + b.messagesSent, a.notesAdded + b.notesAdded,
                    a.firstReplies + b.firstReplies, a.firstReplySeconds + b.firstReplySeconds,
                    a.nextReplies + b.nextReplies, a.nextReplySeconds + b.nextReplySeconds,
                    a.onlineSeconds + b.onlineSeconds, a.handlingSeconds + b.handlingSeconds,
                    a.firstReplyBusinessSeconds + b.firstReplyBusinessSeconds,
                    a.resolutionBusinessSeconds + b.resolutionBusinessSeconds, a.csatRatings + b.csatRatings,
                    a.csatScoreSum + b.csatScoreSum);
        }

        static Sums zero(String agentId) {
            return new Sums(agentId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    static AgentMetrics of(Sums s, String name, String team, LocalDate from, LocalDate to) {
        return new AgentMetrics(s.agentId(), name, team, from, to, s.activeDays(), s.ticketsAssigned(),
                s.transfersIn(), s.transfersOut(), s.ticketsSolved(), s.oneTouchSolved(), s.reopened(),
                s.messagesSent(), s.notesAdded(), s.firstReplies(), ratio(s.firstReplySeconds(), s.firstReplies()),
                s.nextReplies(), ratio(s.nextReplySeconds(), s.nextReplies()),
                ratio(s.resolutionSeconds(), s.ticketsSolved()), ratio(s.oneTouchSolved(), s.ticketsSolved()),
                ratio(s.reopened(), s.ticketsSolved()), s.onlineSeconds(), s.handlingSeconds(),
                ratio(s.handlingSeconds(), s.onlineSeconds()), ratio(s.ticketsSolved(), s.activeDays()),
                ratio(s.firstReplyBusinessSeconds(), s.firstReplies()),
                ratio(s.resolutionBusinessSeconds(), s.ticketsSolved()), s.csatRatings(),
                ratio(s.csatScoreSum(), s.csatRatings()));
    }

    static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
