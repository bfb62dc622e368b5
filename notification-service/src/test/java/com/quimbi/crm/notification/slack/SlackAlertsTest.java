package com.quimbi.crm.notification.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.notification.rules.AlertItem;
import com.quimbi.crm.notification.rules.EventKind;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;

class SlackAlertsTest {

    static AlertItem breach(int i) {
        UUID ticket = UUID.randomUUID();
        return new AlertItem(UUID.randomUUID(), EventKind.SLA_BREACH, ticket, "#" + (4000 + i),
                "Parcel <never> arrived & more " + i, "urgent", "email", "María García", "vip", "high", "first_response",
                Instant.parse("2026-12-07T10:00:00Z"), null, null, null, null, Instant.now(),
                "http://localhost:8080/tickets/" + ticket);
    }

    @Test
    void oneAlertHasTheTicketTheDeadlineAndTheButtons() {
        AlertItem item = breach(1);
        List<LayoutBlock> blocks = SlackAlerts.blocks(List.of(item));
        assertThat(blocks.getFirst()).isInstanceOf(HeaderBlock.class);
        SectionBlock section = (SectionBlock) blocks.get(1);
        assertThat(section.getText().toString()).contains("#4001", "&lt;never&gt;", "&amp;", item.link());
        assertThat(section.getFields().toString()).contains("urgent", "María García", "vip", "<!date^" + item.deadline().getEpochSecond());
        ActionsBlock actions = (ActionsBlock) blocks.get(2);
        assertThat(actions.getElements()).extracting(e -> ((ButtonElement) e).getActionId())
                .containsExactly(SlackAlerts.ACK, SlackAlerts.ASSIGN_ME, SlackAlerts.OPEN);
        assertThat(((ButtonElement) actions.getElements().get(2)).getUrl()).isEqualTo(item.link());
    }

    @Test
    void aBatchListsEveryItemWithinSlacksLimits() {
        List<AlertItem> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(breach(i));
        }
        List<LayoutBlock> blocks = SlackAlerts.blocks(items);
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        String all = blocks.toString();
        for (AlertItem item : items) {
            assertThat(all).contains(item.number());
        }
        blocks.stream().filter(SectionBlock.class::isInstance).map(b -> ((MarkdownTextObject) ((SectionBlock) b).getText()).getText())
                .forEach(text -> assertThat(text.length()).isLessThanOrEqualTo(3000));
        assertThat(SlackAlerts.fallback(items)).startsWith(":rotating_light: 200 × SLA breached").hasSizeLessThan(3100);
    }
    static AlertItem of(EventKind kind, int i) {
        AlertItem b = breach(i);
        return new AlertItem(b.eventId(), kind, b.ticketId(), b.number(), b.subject(), b.priority(), b.channel(),
                b.customer(), b.tier(), null, kind == EventKind.SLA_WARNING ? "next_response" : null, b.deadline(), null, null,
                null, null, b.occurredAt(), b.link());
    }

    @Test
    void aMixedBatchIsCountedAsAlertsAndAFallbackOfManyIsCut() {
        List<AlertItem> mixed = List.of(of(EventKind.SLA_WARNING, 1), of(EventKind.VIP_CUSTOMER, 2), of(EventKind.MENTION, 3));
        assertThat(SlackAlerts.summary(mixed)).isEqualTo(":bell: 3 alerts");
        assertThat(SlackAlerts.fallback(mixed)).isEqualTo(":bell: 3 alerts: #4001 #4002 #4003");
        assertThat(SlackAlerts.summary(List.of(of(EventKind.SLA_WARNING, 1), of(EventKind.SLA_WARNING, 2))))
                .isEqualTo(":warning: 2 × SLA warning");
        assertThat(SlackAlerts.blocks(List.of(of(EventKind.VIP_CUSTOMER, 1))).getFirst().toString()).contains(":star:");

        List<AlertItem> many = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            many.add(breach(i));
        }
        assertThat(SlackAlerts.fallback(many)).endsWith("…").hasSizeLessThan(3000).contains("#4000").doesNotContain("#4599");
    }

    @Test
    void aBatchTooBigForOneMessageIsRefusedNotCut() {
        List<AlertItem> items = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            items.add(breach(i));
        }
        assertThatThrownBy(() -> SlackAlerts.blocks(items)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too many items");
    }
}
