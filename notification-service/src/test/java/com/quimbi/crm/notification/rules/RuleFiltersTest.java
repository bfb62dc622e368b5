package com.quimbi.crm.notification.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.contracts.customer.CustomerTier;
import com.quimbi.crm.contracts.ticket.Channel;
import com.quimbi.crm.contracts.ticket.TicketPriority;

class RuleFiltersTest {

    static AlertItem item(String priority, String channel, String tier, String team) {
        return new AlertItem(UUID.randomUUID(), EventKind.SLA_BREACH, UUID.randomUUID(), "#1", "s", priority, channel,
                "c", tier, null, null, null, null, null, team, null, Instant.now(), null);
    }

    @Test
    void emptyFiltersMatchAnythingAndEachListNarrows() {
        assertThat(RuleFilters.ANY.matches(item(null, null, null, null))).isTrue();
        RuleFilters vipUrgent = new RuleFilters(List.of(TicketPriority.URGENT, TicketPriority.HIGH), List.of("Returns"),
                List.of(Channel.EMAIL), List.of(CustomerTier.VIP));
        assertThat(vipUrgent.matches(item("urgent", "email", "vip", "returns"))).isTrue();
        assertThat(vipUrgent.matches(item("normal", "email", "vip", "returns"))).isFalse();
        assertThat(vipUrgent.matches(item("high", "chat", "vip", "returns"))).isFalse();
        assertThat(vipUrgent.matches(item("high", "email", "standard", "returns"))).isFalse();
        assertThat(vipUrgent.matches(item("high", "email", "vip", null))).isFalse();
        assertThat(vipUrgent.matches(item("high", "email", null, "returns"))).isFalse();
    }
}
