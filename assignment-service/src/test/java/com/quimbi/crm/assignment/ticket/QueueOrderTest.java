package com.quimbi.crm.assignment.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The queue order, key by key: each key decides only when every key before it ties. */
class QueueOrderTest {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    /** A plain ticket: SLA on track with a deadline in 4 h, standard customer, low churn, normal priority. */
    static Ticket plain() {
        return new Ticket("on_track", T0.plusSeconds(4 * 3600), "standard", "low", "normal", T0, A);
    }

    record Ticket(String slaState, Instant deadline, String tier, String churn, String priority, Instant since, UUID id) {
        QueueOrder.Key key() {
            return QueueOrder.rankOf(slaState, deadline, tier, churn, priority, since, id);
        }

        Ticket with(String slaState, Instant deadline) {
            return new Ticket(slaState, deadline, tier, churn, priority, since, id);
        }

        Ticket customer(String tier, String churn) {
            return new Ticket(slaState, deadline, tier, churn, priority, since, id);
        }

        Ticket priority(String priority) {
            return new Ticket(slaState, deadline, tier, churn, priority, since, id);
        }

        Ticket since(Instant since) {
            return new Ticket(slaState, deadline, tier, churn, priority, since, id);
        }

        Ticket id(UUID id) {
            return new Ticket(slaState, deadline, tier, churn, priority, since, id);
        }
    }

    static boolean before(Ticket first, Ticket second) {
        return QueueOrder.ORDER.compare(first.key(), second.key()) < 0 && QueueOrder.ORDER.compare(second.key(), first.key()) > 0;
    }

    @Test
    void aBreachedTicketComesFirstWhateverElse() {
        Ticket breached = plain().with("breached", T0.plusSeconds(9 * 3600)).priority("low");
        Ticket vipUrgentDueSoon = plain().with("at_risk", T0.plusSeconds(60)).customer("vip", "high").priority("urgent");
        assertThat(before(breached, vipUrgentDueSoon)).isTrue();
    }

    @Test
    void amongBreachedTheMostOverdueFirst() {
        Ticket longAgo = plain().with("breached", T0.minusSeconds(3600)).id(B);
        Ticket justNow = plain().with("breached", T0.minusSeconds(60));
        assertThat(before(longAgo, justNow)).isTrue();
    }

    @Test
    void thenTheEarliestDeadlineBeatsCustomerValueAndPriority() {
        Ticket soon = plain().with("on_track", T0.plusSeconds(600)).priority("low").id(B);
        Ticket later = plain().with("at_risk", T0.plusSeconds(1200)).customer("vip", "high").priority("urgent");
        assertThat(before(soon, later)).isTrue();
    }

    @Test
    void noDeadlineSortsAfterEveryDeadline() {
        Ticket farAway = plain().with("on_track", Instant.parse("2099-01-01T00:00:00Z")).id(B);
        Ticket paused = plain().with("paused", null).customer("vip", "high").priority("urgent");
        Ticket unknown = plain().with(null, null).customer("vip", "high").priority("urgent");
        assertThat(before(farAway, paused)).isTrue();
        assertThat(before(farAway, unknown)).isTrue();
        assertThat(QueueOrder.rankOf(null, null, null, null, null, null, A).deadline()).isEqualTo(QueueOrder.NO_DEADLINE);
    }

    @Test
    void atTheSameDeadlineVipThenChurnRisk() {
        Ticket vipLow = plain().customer("vip", "low").id(B);
        Ticket standardHigh = plain().customer("standard", "high");
        Ticket standardMedium = plain().customer("standard", "medium").id(B);
        Ticket standardUnknown = plain().customer(null, null);
        assertThat(before(vipLow, standardHigh)).isTrue();
        assertThat(before(standardHigh, standardMedium)).isTrue();
        assertThat(before(standardMedium, standardUnknown)).isTrue();
        assertThat(before(plain().customer("vip", "high").id(B), vipLow.id(A))).isTrue();
    }

    @Test
    void thenPriority() {
        List<String> order = List.of("urgent", "high", "normal", "low");
        for (int i = 0; i + 1 < order.size(); i++) {
            assertThat(before(plain().priority(order.get(i)).id(B), plain().priority(order.get(i + 1)))).isTrue();
        }
        assertThat(QueueOrder.urgencyRank(null)).isEqualTo(QueueOrder.urgencyRank("low"));
    }

    @Test
    void thenAgeThenId() {
        assertThat(before(plain().since(T0.minusSeconds(1)).id(B), plain())).isTrue();
        assertThat(before(plain().id(A), plain().id(B))).isTrue();
        assertThat(before(plain().id(B), plain().since(null).id(A))).isTrue();
        // as Postgres orders uuids (unsigned), not as UUID.compareTo (signed)
        UUID high = UUID.fromString("f0000000-0000-0000-0000-000000000000");
        assertThat(before(plain().id(B), plain().id(high))).isTrue();
    }

    @Test
    void sortingAMixedQueue() {
        Ticket normalNoSla = plain().with(null, null).id(UUID.randomUUID());
        Ticket breached = plain().with("breached", T0.minusSeconds(5)).priority("low").id(UUID.randomUUID());
        Ticket dueIn10 = plain().with("at_risk", T0.plusSeconds(600)).id(UUID.randomUUID());
        Ticket dueIn60Vip = plain().with("on_track", T0.plusSeconds(3600)).customer("vip", "low").id(UUID.randomUUID());
        Ticket dueIn60 = plain().with("on_track", T0.plusSeconds(3600)).priority("urgent").id(UUID.randomUUID());
        Ticket urgentNoSla = plain().with("paused", null).priority("urgent").id(UUID.randomUUID());
        List<Ticket> queue = new ArrayList<>(List.of(normalNoSla, dueIn60, urgentNoSla, dueIn10, breached, dueIn60Vip));
        queue.sort((x, y) -> QueueOrder.ORDER.compare(x.key(), y.key()));
        assertThat(queue).containsExactly(breached, dueIn10, dueIn60Vip, dueIn60, urgentNoSla, normalNoSla);
    }
}
