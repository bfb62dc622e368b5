package com.quimbi.crm.analytics.fact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The per-ticket definitions (analytics-service/README.md, "Definitions") on hand-made timelines. */
class TicketTimelineTest {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    static Instant at(int minutes) {
        return T0.plusSeconds(minutes * 60L);
    }

    final TicketTimeline ticket = new TicketTimeline(UUID.randomUUID());
    final List<AgentDelta> deltas = new ArrayList<>();

    long sum(String agent, AgentMetric metric) {
        return deltas.stream().filter(d -> d.agentId().equals(agent) && d.metric() == metric)
                .mapToLong(AgentDelta::amount).sum();
    }

    void status(String to, int minute, String agent) {
        deltas.addAll(ticket.statusChanged(to, at(minute), agent).deltas());
    }

    void message(String authorType, String author, boolean internal, int minute) {
        deltas.addAll(ticket.message(authorType, author, internal, at(minute)));
    }

    @Test
    void businessTimeSkipsTheWeekend() {
        TicketTimeline friday = new TicketTimeline(UUID.randomUUID()).measuredIn(BusinessHoursTest.NINE_TO_FIVE_UTC);
        List<AgentDelta> d = new ArrayList<>();
        friday.created("new", "normal", "email", null, Instant.parse("2026-11-27T16:00:00Z")); // a Friday
        d.addAll(friday.message("agent", "ann", false, Instant.parse("2026-11-30T10:00:00Z"))); // Monday
        d.addAll(friday.statusChanged("solved", Instant.parse("2026-12-01T12:00:00Z"), "ann").deltas()); // Tuesday

        assertThat(friday.firstReplySeconds()).isEqualTo(66 * 3600);
        assertThat(friday.firstReplyBusinessSeconds()).isEqualTo(2 * 3600); // Fri 16-17, Mon 9-10
        assertThat(friday.fullResolutionBusinessSeconds()).isEqualTo(12 * 3600); // 1 + 8 + 3
        assertThat(d).contains(new AgentDelta("ann", LocalDate.parse("2026-11-30"),
                AgentMetric.FIRST_REPLY_BUSINESS_SECONDS, 2 * 3600), new AgentDelta("ann", LocalDate.parse("2026-12-01"),
                AgentMetric.RESOLUTION_BUSINESS_SECONDS, 12 * 3600));
    }

    @Test
    void aSimpleTicketHasFirstReplyResolutionAndOneTouch() {
        ticket.created("new", "normal", "email", null, at(0));
        status("open", 5, "ann");
        message("agent", "ann", false, 30);
        status("solved", 40, "ann");

        assertThat(ticket.firstReplySeconds()).isEqualTo(30 * 60);
        assertThat(ticket.fullResolutionSeconds()).isEqualTo(40 * 60);
        assertThat(ticket.agentWorkSeconds()).isEqualTo(40 * 60); // 5 min new + 35 min open
        assertThat(ticket.requesterWaitSeconds()).isEqualTo(40 * 60);
        assertThat(ticket.oneTouch()).isTrue();
        assertThat(sum("ann", AgentMetric.FIRST_REPLIES)).isEqualTo(1);
        assertThat(sum("ann", AgentMetric.FIRST_REPLY_SECONDS)).isEqualTo(30 * 60);
        assertThat(sum("ann", AgentMetric.TICKETS_SOLVED)).isEqualTo(1);
        assertThat(sum("ann", AgentMetric.ONE_TOUCH_SOLVED)).isEqualTo(1);
        assertThat(sum("ann", AgentMetric.RESOLUTION_SECONDS)).isEqualTo(40 * 60);
        assertThat(sum("ann", AgentMetric.MESSAGES_SENT)).isEqualTo(1);
    }

    @Test
    void pendingAndOnHoldAreSeparatedFromWorkAndWait() {
        ticket.created("open", "high", "chat", null, at(0));
        message("agent", "ann", false, 10);
        status("pending", 10, "ann"); // waiting on the customer: neither work nor requester wait
        message("customer", null, false, 70);
        status("open", 70, null);
        status("on_hold", 80, "ann"); // waiting on a third party: requester wait, not work
        status("open", 200, "ann");
        message("agent", "ann", false, 210);
        status("solved", 215, "ann");

        assertThat(ticket.pendingSeconds()).isEqualTo(60 * 60);
        assertThat(ticket.onHoldSeconds()).isEqualTo(120 * 60);
        assertThat(ticket.agentWorkSeconds()).isEqualTo((10 + 10 + 15) * 60);
        assertThat(ticket.requesterWaitSeconds()).isEqualTo((10 + 10 + 120 + 15) * 60);
        // next reply: from the customer's message at 70 to the agent's reply at 210
        assertThat(sum("ann", AgentMetric.NEXT_REPLIES)).isEqualTo(1);
        assertThat(sum("ann", AgentMetric.NEXT_REPLY_SECONDS)).isEqualTo(140 * 60);
        assertThat(ticket.oneTouch()).isFalse();
        assertThat(sum("ann", AgentMetric.ONE_TOUCH_SOLVED)).isZero();
    }

    @Test
    void aReopenCountsAgainstTheSolverAndResolutionRunsToTheLastSolve() {
        ticket.created("new", "normal", "email", null, at(0));
        message("agent", "ann", false, 10);
        status("solved", 20, "ann");
        message("customer", null, false, 60);
        status("open", 60, null);
        message("agent", "ann", false, 90);
        status("solved", 100, "ann");

        assertThat(ticket.reopenCount()).isEqualTo(1);
        assertThat(sum("ann", AgentMetric.REOPENED)).isEqualTo(1);
        // solved counts once, at the first resolution
        assertThat(sum("ann", AgentMetric.TICKETS_SOLVED)).isEqualTo(1);
        assertThat(sum("ann", AgentMetric.RESOLUTION_SECONDS)).isEqualTo(20 * 60);
        assertThat(ticket.fullResolutionSeconds()).isEqualTo(100 * 60);
        assertThat(ticket.oneTouch()).isTrue(); // one public reply when first solved
        assertThat(sum("ann", AgentMetric.NEXT_REPLY_SECONDS)).isEqualTo(30 * 60);
    }

    @Test
    void aTransferMidWayCreditsEachAgentWithTheirOwnReplies() {
        ticket.created("new", "normal", "email", null, at(0));
        message("agent", "ann", false, 15);
        message("agent", "ann", true, 16); // a note before handing over
        message("customer", null, false, 30);
        // transferred to bob (assignment topic); bob answers and solves
        message("agent", "bob", false, 50);
        status("solved", 55, null); // by the system: credited to the last public replier

        assertThat(sum("ann", AgentMetric.FIRST_REPLIES)).isEqualTo(1);
        assertThat(sum("ann", AgentMetric.NOTES_ADDED)).isEqualTo(1);
        assertThat(sum("ann", AgentMetric.TICKETS_SOLVED)).isZero();
        assertThat(sum("bob", AgentMetric.NEXT_REPLY_SECONDS)).isEqualTo(20 * 60);
        assertThat(sum("bob", AgentMetric.TICKETS_SOLVED)).isEqualTo(1);
        assertThat(ticket.resolvedBy()).isEqualTo("bob");
        assertThat(ticket.notes()).isEqualTo(1);
        assertThat(ticket.publicReplies()).isEqualTo(2);
    }

    @Test
    void closingASolvedTicketIsNoSecondResolutionAndSystemMessagesCountForNothing() {
        ticket.created("new", "normal", "email", null, at(0));
        message("system", null, false, 1);
        message("agent", "ann", false, 10);
        status("solved", 20, "ann");
        status("closed", 60 * 24 * 4, null);

        assertThat(sum("ann", AgentMetric.TICKETS_SOLVED)).isEqualTo(1);
        assertThat(ticket.reopenCount()).isZero();
        assertThat(ticket.fullResolutionSeconds()).isEqualTo(20 * 60);
        assertThat(ticket.firstReplySeconds()).isEqualTo(10 * 60);
    }

    @Test
    void aSecondCreatedChangesNothing() {
        ticket.created("new", "normal", "email", null, at(0));
        ticket.created("open", "high", "chat", null, at(5));
        assertThat(ticket.status()).isEqualTo("new");
    }

    @Test
    void deltasLandOnTheUtcDayOfTheirEvent() {
        Instant lateEvening = Instant.parse("2026-11-26T23:50:00Z");
        ticket.created("new", "normal", "email", null, lateEvening);
        List<AgentDelta> reply = ticket.message("agent", "ann", false, lateEvening.plusSeconds(20 * 60));
        assertThat(reply).allSatisfy(d -> assertThat(d.day()).isEqualTo(LocalDate.parse("2026-11-27")));
    }
}
