package com.quimbi.crm.analytics.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.platform.problem.InvalidInputException;

class LeaderboardTest {

    static AgentMetrics agent(String id, long solved, long firstReplies, long firstReplySeconds, long days) {
        AgentMetrics.Sums sums = new AgentMetrics.Sums(id, days, 0, 0, 0, solved, 0, 0, 0, 0, 0, firstReplies,
                firstReplySeconds, 0, 0, 0, 0, 0, 0, 0, 0);
        return AgentMetrics.of(sums, id.toUpperCase(), "t1", null, null);
    }

    @Test
    void equalValuesShareARankAndSmallVolumesAreUnranked() {
        List<AgentMetrics> agents = List.of(agent("a", 30, 0, 0, 2), agent("b", 30, 0, 0, 2), agent("c", 12, 0, 0, 1),
                agent("d", 2, 0, 0, 1));
        Leaderboard board = Leaderboard.rank(agents, "tickets_solved", 5);

        assertThat(board.ranked()).extracting(Leaderboard.Entry::agentId).containsExactly("a", "b", "c");
        assertThat(board.ranked()).extracting(Leaderboard.Entry::rank).containsExactly(1, 1, 3);
        assertThat(board.ranked()).extracting(Leaderboard.Entry::tied).containsExactly(true, true, false);
        assertThat(board.unranked()).extracting(Leaderboard.Entry::agentId).containsExactly("d");
    }

    @Test
    void timesRankLowestFirst() {
        List<AgentMetrics> agents = List.of(agent("slow", 0, 10, 10 * 600, 1), agent("fast", 0, 10, 10 * 60, 1));
        Leaderboard board = Leaderboard.rank(agents, "first_reply_time", 5);
        assertThat(board.ranked()).extracting(Leaderboard.Entry::agentId).containsExactly("fast", "slow");
        assertThat(board.direction()).isEqualTo("lower is better");
    }

    @Test
    void anUnknownMetricIsABadRequest() {
        assertThatThrownBy(() -> Leaderboard.rank(List.of(), "happiness", 0))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void occupancyIsHandlingOverOnline() {
        AgentMetrics.Sums sums = new AgentMetrics.Sums("a", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8 * 3600,
                6 * 3600, 0, 0, 0, 0);
        assertThat(AgentMetrics.of(sums, null, null, null, null).occupancy()).isEqualTo(0.75);
    }
}
