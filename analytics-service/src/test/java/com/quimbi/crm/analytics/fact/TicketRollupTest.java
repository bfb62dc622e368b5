package com.quimbi.crm.analytics.fact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What one ticket adds to ticket_rollup, on a hand-made timeline. */
class TicketRollupTest {

    static final Instant T0 = Instant.parse("2026-11-30T23:00:00Z");
    static final LocalDate NOV_30 = LocalDate.parse("2026-11-30");
    static final LocalDate DEC_1 = LocalDate.parse("2026-12-01");

    static long sum(TicketRollup.Part part, String column) {
        return part.sums().get(TicketRollup.TABLE.sums().indexOf(column));
    }

    static int bucket(TicketRollup.Part part, String histogram) {
        return part.buckets().get(TicketRollup.TABLE.histograms().indexOf(histogram));
    }

    @Test
    void aTicketCountsOnItsCreationDayAndOnItsFirstResolutionDayByDayAndByMonth() {
        TicketTimeline ticket = new TicketTimeline(UUID.randomUUID());
        ticket.created("new", "high", "email", null, T0);
        ticket.statusChanged("open", T0.plusSeconds(600), "ann");
        ticket.message("agent", "ann", false, T0.plusSeconds(1800));
        ticket.statusChanged("solved", T0.plusSeconds(5 * 3600), "bob"); // the next day (UTC), the next month
        ticket.category = "billing";

        Map<List<Object>, TicketRollup.Part> parts = TicketRollup.of(ticket);

        assertThat(parts).containsOnlyKeys(
                List.of("created", "all", "", "d", NOV_30), List.of("created", "all", "", "m", NOV_30.withDayOfMonth(1)),
                List.of("created", "channel", "email", "d", NOV_30), List.of("created", "channel", "email", "m",
                        NOV_30.withDayOfMonth(1)),
                List.of("created", "category", "billing", "d", NOV_30), List.of("created", "category", "billing", "m",
                        NOV_30.withDayOfMonth(1)),
                List.of("created", "agent", "ann", "d", NOV_30), List.of("created", "agent", "ann", "m",
                        NOV_30.withDayOfMonth(1)),
                List.of("resolved", "all", "", "d", DEC_1), List.of("resolved", "all", "", "m", DEC_1),
                List.of("resolved", "priority", "high", "d", DEC_1), List.of("resolved", "priority", "high", "m", DEC_1),
                List.of("resolved", "agent", "bob", "d", DEC_1), List.of("resolved", "agent", "bob", "m", DEC_1));
        TicketRollup.Part created = parts.get(List.of("created", "channel", "email", "d", NOV_30));
        assertThat(sum(created, "tickets")).isEqualTo(1);
        assertThat(sum(created, "resolved")).isEqualTo(1);
        assertThat(sum(created, "first_reply_seconds")).isEqualTo(1800);
        assertThat(sum(created, "resolution_seconds")).isEqualTo(5 * 3600);
        assertThat(bucket(created, "resolution_hist")).isEqualTo(Histogram.bucket(5 * 3600));
        assertThat(bucket(created, "resolution_business_hist")).isEqualTo(-1);
        TicketRollup.Part resolved = parts.get(List.of("resolved", "all", "", "d", DEC_1));
        assertThat(sum(resolved, "tickets")).isEqualTo(1);
        assertThat(sum(resolved, "within_8h")).isEqualTo(1);
        assertThat(sum(resolved, "within_4h") + sum(resolved, "within_24h")).isZero();
        assertThat(sum(resolved, "work_seconds")).isEqualTo(5 * 3600);
        assertThat(sum(resolved, "one_touch")).isEqualTo(1);
        assertThat(sum(resolved, "resolutions_business")).isEqualTo(1);
        assertThat(bucket(resolved, "first_reply_business_hist")).isEqualTo(Histogram.bucket(1800));
    }

    @Test
    void aDeletedOrUnknownTicketAddsNothingAndAnUnresolvedOneOnlyItsCreation() {
        TicketTimeline unknown = new TicketTimeline(UUID.randomUUID());
        assertThat(TicketRollup.of(unknown)).isEmpty();

        TicketTimeline open = new TicketTimeline(UUID.randomUUID());
        open.created("new", null, "chat", null, T0);
        assertThat(TicketRollup.of(open).keySet()).extracting(key -> key.get(0) + "/" + key.get(1) + "/" + key.get(2))
                .containsOnly("created/all/", "created/channel/chat", "created/category/uncategorized");
        assertThat(sum(TicketRollup.of(open).get(List.of("created", "all", "", "d", NOV_30)), "resolved")).isZero();

        open.deleted(T0.plusSeconds(60));
        assertThat(TicketRollup.of(open)).isEmpty();
    }

    @Test
    void aReopenedTicketStaysOnItsFirstResolutionDayAndItsResolutionTimeMovesWithTheLatestResolution() {
        TicketTimeline ticket = new TicketTimeline(UUID.randomUUID());
        ticket.created("new", "normal", "web", null, T0);
        ticket.statusChanged("solved", T0.plusSeconds(7200), "ann");
        Map<List<Object>, TicketRollup.Part> solved = TicketRollup.of(ticket);
        ticket.statusChanged("open", T0.plusSeconds(9000), null);
        ticket.statusChanged("solved", T0.plusSeconds(30 * 3600), "ann");

        Map<List<Object>, TicketRollup.Part> again = TicketRollup.of(ticket);
        TicketRollup.Part resolved = again.get(List.of("resolved", "all", "", "d", DEC_1));

        assertThat(again.keySet()).isEqualTo(solved.keySet());
        assertThat(sum(resolved, "tickets")).isEqualTo(1);
        assertThat(sum(resolved, "reopened")).isEqualTo(1);
        assertThat(sum(resolved, "one_touch")).isZero();
        assertThat(sum(resolved, "resolution_seconds")).isEqualTo(30 * 3600);
        assertThat(sum(resolved, "within_3d")).isEqualTo(1);
        assertThat(bucket(resolved, "resolution_hist")).isEqualTo(Histogram.bucket(30 * 3600));
    }
}
