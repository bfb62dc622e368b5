package com.quimbi.crm.ticket.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicketStatusTest {

    @Test
    void closedIsFinal() {
        for (TicketStatus target : TicketStatus.values()) {
            assertThat(TicketStatus.CLOSED.canBecome(target)).as("closed -> %s", target)
                    .isEqualTo(target == TicketStatus.CLOSED);
        }
    }

    @Test
    void nothingGoesBackToNew() {
        for (TicketStatus from : TicketStatus.values()) {
            assertThat(from.canBecome(TicketStatus.NEW)).isEqualTo(from == TicketStatus.NEW);
        }
    }

    @Test
    void solvedCanOnlyBeReopenedOrClosed() {
        assertThat(TicketStatus.SOLVED.next()).containsExactlyInAnyOrder(TicketStatus.OPEN, TicketStatus.CLOSED);
        assertThat(TicketStatus.SOLVED.canBecome(TicketStatus.PENDING)).isFalse();
    }

    @Test
    void workingStatusesMoveFreely() {
        assertThat(TicketStatus.OPEN.canBecome(TicketStatus.PENDING)).isTrue();
        assertThat(TicketStatus.PENDING.canBecome(TicketStatus.OPEN)).isTrue();
        assertThat(TicketStatus.ON_HOLD.canBecome(TicketStatus.SOLVED)).isTrue();
        assertThat(TicketStatus.NEW.canBecome(TicketStatus.CLOSED)).isTrue();
    }

    @Test
    void wireNamesRoundTrip() {
        for (TicketStatus s : TicketStatus.values()) {
            assertThat(TicketStatus.fromWire(s.toString())).isEqualTo(s);
        }
        assertThat(TicketStatus.ON_HOLD.toString()).isEqualTo("on_hold");
    }
}
