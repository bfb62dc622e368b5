package com.quimbi.crm.analytics.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.analytics.Scenario;
import com.quimbi.crm.analytics.Snapshots;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * Every topic into the facts: the same ticket life delivered in order once, and (with other ids) twice over and
 * shuffled across topics, ends in the same facts and the same agent day sums.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AnalyticsStreamIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void factsConvergeWhateverTheOrderAndDuplicates() {
        Scenario inOrder = new Scenario();
        Scenario shuffled = new Scenario();
        Scenario shuffledAgain = new Scenario();
        inOrder.deliver();
        shuffled.deliverShuffledTwice(42);
        shuffledAgain.deliverShuffledTwice(7);

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            List<String> expected = Snapshots.of(jdbc, inOrder);
            assertThat(expected).hasSize(1 + 2 + 1 + 1 + 4 + 4 + 1 + 2);
            assertThat(Snapshots.of(jdbc, shuffled)).isEqualTo(expected);
            assertThat(Snapshots.of(jdbc, shuffledAgain)).isEqualTo(expected);
        });

        LocalDate day = LocalDate.parse("2026-11-20");
        Map<String, Object> a = jdbc.queryForMap("SELECT * FROM agent_daily_metrics WHERE agent_id = ? AND day = ?",
                inOrder.agentA, day);
        assertThat(a).containsEntry("first_replies", 1L).containsEntry("first_reply_seconds", 9 * 60L)
                .containsEntry("messages_sent", 1L).containsEntry("notes_added", 1L)
                .containsEntry("tickets_assigned", 1L).containsEntry("transfers_out", 1L)
                .containsEntry("handling_seconds", 28 * 60L).containsEntry("online_seconds", 8 * 3600L)
                .containsEntry("tickets_solved", 0L);
        Map<String, Object> b = jdbc.queryForMap("SELECT * FROM agent_daily_metrics WHERE agent_id = ? AND day = ?",
                inOrder.agentB, day);
        assertThat(b).containsEntry("transfers_in", 1L).containsEntry("tickets_assigned", 0L).containsEntry("tickets_solved", 1L)
                .containsEntry("one_touch_solved", 0L).containsEntry("resolution_seconds", 44 * 60L)
                .containsEntry("next_replies", 1L).containsEntry("next_reply_seconds", 20 * 60L)
                .containsEntry("handling_seconds", 15 * 60L);
        Map<String, Object> ticket = jdbc.queryForMap("SELECT * FROM ticket_fact WHERE ticket_id = ?",
                inOrder.ticketId);
        assertThat(ticket).containsEntry("status", "solved").containsEntry("resolved_by", inOrder.agentB)
                .containsEntry("category", "billing").containsEntry("customer_tier", "vip")
                .containsEntry("assignee_id", null).containsEntry("new_seconds", 44 * 60L)
                .containsEntry("public_replies", 2).containsEntry("notes", 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_message", Long.class)).isPositive();
    }

    /**
     * ticket_rollup, kept event by event (shuffled, duplicated), equals the rollup computed from scratch from the
     * facts it converged to (V7's ticket_rollup_expected, TicketRollup's definition in SQL).
     */
    @Test
    void theTicketRollupIsTheSumOverTheFactsWhateverTheOrderAndDuplicates() {
        Scenario inOrder = new Scenario();
        Scenario shuffled = new Scenario();
        inOrder.deliver();
        shuffled.deliverShuffledTwice(3);

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket_fact WHERE ticket_id IN (?, ?) AND status = "
                    + "'solved' AND category IS NOT NULL", Long.class, inOrder.ticketId, shuffled.ticketId))
                    .isEqualTo(2);
            List<String> kept = jdbc.queryForList("SELECT r::text FROM (SELECT " + String.join(", ",
                    com.quimbi.crm.analytics.fact.TicketRollup.TABLE.keys()) + ", " + String.join(", ",
                    com.quimbi.crm.analytics.fact.TicketRollup.TABLE.sums()) + ", " + String.join(", ",
                    com.quimbi.crm.analytics.fact.TicketRollup.TABLE.histograms())
                    + " FROM ticket_rollup WHERE tickets <> 0) r ORDER BY 1", String.class);
            List<String> expected = jdbc.queryForList("SELECT e::text FROM ticket_rollup_expected() e ORDER BY 1",
                    String.class);
            assertThat(kept).isNotEmpty().isEqualTo(expected);
        });
        Map<String, Object> billing = jdbc.queryForMap("SELECT tickets, resolutions FROM ticket_rollup WHERE basis = "
                + "'created' AND dimension = 'category' AND value = 'billing' AND grain = 'd' AND period = ?",
                LocalDate.parse("2026-11-20"));
        assertThat((Long) billing.get("tickets")).isGreaterThanOrEqualTo(2);
    }

    /** V7's hist_bucket (SQL, for the refill) puts every duration in the same bucket as Histogram (Java). */
    @Test
    void theSqlAndJavaHistogramBucketsAgree() {
        List<Long> seconds = new java.util.ArrayList<>();
        for (long s = -1; s < 12_000_000; s += Math.max(1, s / 500)) {
            seconds.add(s);
        }
        List<Integer> sql = jdbc.queryForList("SELECT hist_bucket(s) FROM unnest(?::bigint[]) WITH ORDINALITY u(s, i) "
                + "ORDER BY i", Integer.class, seconds.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",", "{", "}")));
        assertThat(sql).isEqualTo(seconds.stream().map(com.quimbi.crm.analytics.fact.Histogram::bucket).toList());
        assertThat(jdbc.queryForObject("SELECT hist_buckets()", Integer.class))
                .isEqualTo(com.quimbi.crm.analytics.fact.Histogram.BUCKETS);
    }
}
