package com.quimbi.crm.ticket.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.contracts.customer.CustomerTier;

class TicketScoreTest {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    static TicketScore.Inputs plain(TicketPriority priority, Instant createdAt) {
        return new TicketScore.Inputs(TicketStatus.OPEN, priority, createdAt, null, CustomerTier.STANDARD, null, null,
                null);
    }

    @Test
    void withoutBoostsATicketIsDueAfterItsPriorityWindow() {
        assertThat(TicketScore.smartDue(plain(TicketPriority.URGENT, T0))).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(TicketScore.smartDue(plain(TicketPriority.HIGH, T0))).isEqualTo(T0.plus(Duration.ofHours(4)));
        assertThat(TicketScore.smartDue(plain(TicketPriority.NORMAL, T0))).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(TicketScore.smartDue(plain(TicketPriority.LOW, T0))).isEqualTo(T0.plus(Duration.ofHours(72)));
    }

    @Test
    void olderTicketsComeFirstWithinAPriorityAndALowTicketEventuallyBeatsAFreshNormalOne() {
        Instant older = TicketScore.smartDue(plain(TicketPriority.NORMAL, T0));
        Instant newer = TicketScore.smartDue(plain(TicketPriority.NORMAL, T0.plus(Duration.ofMinutes(5))));
        assertThat(older).isBefore(newer);

        Instant oldLow = TicketScore.smartDue(plain(TicketPriority.LOW, T0));
        Instant freshNormal = TicketScore.smartDue(plain(TicketPriority.NORMAL, T0.plus(Duration.ofHours(49))));
        assertThat(oldLow).isBefore(freshNormal);
    }

    @Test
    void anEarlierSlaDeadlineWinsOverThePriorityWindow() {
        Instant deadline = T0.plus(Duration.ofHours(2));
        var in = new TicketScore.Inputs(TicketStatus.OPEN, TicketPriority.NORMAL, T0, deadline, CustomerTier.STANDARD,
                null, null, null);
        assertThat(TicketScore.smartDue(in)).isEqualTo(deadline);
        var later = new TicketScore.Inputs(TicketStatus.OPEN, TicketPriority.URGENT, T0, T0.plus(Duration.ofHours(8)),
                CustomerTier.STANDARD, null, null, null);
        assertThat(TicketScore.smartDue(later)).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void customerValueChurnRiskAndUnhappinessMoveATicketUp() {
        assertThat(TicketScore.boostMinutes(CustomerTier.VIP, null, null, null)).isEqualTo(240);
        assertThat(TicketScore.boostMinutes(CustomerTier.STANDARD, 900.0, null, null)).isEqualTo(60.0);
        assertThat(TicketScore.boostMinutes(CustomerTier.STANDARD, 1e12, null, null)).isEqualTo(240);
        assertThat(TicketScore.boostMinutes(CustomerTier.STANDARD, null, 0.5, null)).isEqualTo(180);
        assertThat(TicketScore.boostMinutes(CustomerTier.STANDARD, null, 7.0, null)).isEqualTo(360);
        assertThat(TicketScore.boostMinutes(CustomerTier.STANDARD, null, null, -1.0)).isEqualTo(180);
        assertThat(TicketScore.boostMinutes(CustomerTier.STANDARD, null, null, 0.9)).isZero();

        var vip = new TicketScore.Inputs(TicketStatus.NEW, TicketPriority.NORMAL, T0, null, CustomerTier.VIP, 900.0,
                0.5, -0.5);
        // 240 + 60 + 180 + 90 = 570 minutes earlier than 24 h
        assertThat(TicketScore.smartDue(vip)).isEqualTo(T0.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(570)));
    }

    @Test
    void ticketsWaitingOnTheCustomerOrDoneSinkBelowLiveWork() {
        var open = plain(TicketPriority.LOW, T0);
        var pending = new TicketScore.Inputs(TicketStatus.PENDING, TicketPriority.URGENT, T0, null,
                CustomerTier.VIP, null, null, null);
        var solved = new TicketScore.Inputs(TicketStatus.SOLVED, TicketPriority.URGENT, T0, null, CustomerTier.VIP,
                null, null, null);
        assertThat(TicketScore.smartDue(pending)).isAfter(TicketScore.smartDue(open));
        assertThat(TicketScore.smartDue(solved)).isAfter(TicketScore.smartDue(pending));
    }

    @Test
    void theOrderOfTwoTicketsDoesNotDependOnWhenItIsComputed() {
        // no input is "now": computing today or next week gives the same stored value
        var in = new TicketScore.Inputs(TicketStatus.OPEN, TicketPriority.HIGH, T0, T0.plus(Duration.ofHours(3)),
                CustomerTier.STANDARD, 120.0, 0.2, -0.3);
        assertThat(TicketScore.smartDue(in)).isEqualTo(TicketScore.smartDue(in));
    }
}
