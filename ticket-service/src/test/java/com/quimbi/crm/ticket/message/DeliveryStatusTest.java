package com.quimbi.crm.ticket.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryStatusTest {

    @Test
    void movesForwardOnly() {
        assertThat(DeliveryStatus.QUEUED.canMoveTo(DeliveryStatus.SENT)).isTrue();
        assertThat(DeliveryStatus.QUEUED.canMoveTo(DeliveryStatus.BOUNCED)).isTrue();
        assertThat(DeliveryStatus.SENT.canMoveTo(DeliveryStatus.DELIVERED)).isTrue();
        assertThat(DeliveryStatus.SENT.canMoveTo(DeliveryStatus.QUEUED)).isFalse();
        assertThat(DeliveryStatus.SENT.canMoveTo(DeliveryStatus.SENT)).isFalse();
    }

    @Test
    void outcomesAreFinal() {
        for (DeliveryStatus outcome : new DeliveryStatus[] { DeliveryStatus.DELIVERED, DeliveryStatus.BOUNCED,
                DeliveryStatus.FAILED }) {
            for (DeliveryStatus next : DeliveryStatus.values()) {
                assertThat(outcome.canMoveTo(next)).as(outcome + " -> " + next).isFalse();
            }
        }
    }

    @Test
    void readsAndWritesLowerCaseWireNames() {
        assertThat(DeliveryStatus.fromWire("bounced")).isEqualTo(DeliveryStatus.BOUNCED);
        assertThat(DeliveryStatus.DELIVERED.wire()).isEqualTo("delivered");
    }
}
