package com.quimbi.crm.notification.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.quimbi.crm.notification.rules.AlertItem;
import com.quimbi.crm.notification.rules.EventKind;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;

/**
 * Alerts as Block Kit. One item: a header (what happened), the ticket (number and subject linked to the console,
 * priority, customer, tier, holder), the SLA deadline in the reader's time zone, and the buttons Acknowledge, Assign
 * to me and Open; its thread is remembered, so replies become internal notes. Several items (a batch of one window):
 * one message listing every item, one line each, in as many sections as Slack's limits need.
 */
@Component
public class SlackAlerts {

    public static final String ACK = "crm_ack";
    public static final String ASSIGN_ME = "crm_assign_me";
    public static final String OPEN = "crm_open";
    /** Slack: a section's text ≤ 3000 characters, ≤ 50 blocks a message. */
    static final int SECTION_CHARS = 2900;
    static final int MAX_SECTIONS = 46;

    private final SlackClient slack;
    private final JdbcTemplate jdbc;

    SlackAlerts(SlackClient slack, JdbcTemplate jdbc) {
        this.slack = slack;
        this.jdbc = jdbc;
    }

    /** Posts the items as one message to {@code channel}; returns {@code channelId:ts} (or null for webhooks). */
    public String send(String channel, List<AlertItem> items) {
        SlackClient.Posted posted = slack.post(channel, fallback(items), blocks(items), null);
        if (items.size() == 1 && items.getFirst().ticketId() != null && posted.channelId() != null && posted.ts() != null) {
            jdbc.update("INSERT INTO slack_thread (channel_id, ts, ticket_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    posted.channelId(), posted.ts(), items.getFirst().ticketId());
        }
        return posted.channelId() == null ? null : posted.channelId() + ":" + posted.ts();
    }

    /** The ticket an alert message of ours is about (a thread reply's parent), if it was a single-ticket alert. */
    public java.util.Optional<UUID> ticketOfThread(String channelId, String ts) {
        return jdbc.queryForList("SELECT ticket_id FROM slack_thread WHERE channel_id = ? AND ts = ?", UUID.class,
                channelId, ts).stream().findFirst();
    }

    /** The notification text (Slack shows it where blocks cannot be shown, e.g. push notifications). */
    static String fallback(List<AlertItem> items) {
        if (items.size() == 1) {
            AlertItem item = items.getFirst();
            return truncate(item.headline() + ": " + escape(item.title()), 3000);
        }
        StringBuilder text = new StringBuilder(summary(items)).append(": ");
        for (AlertItem item : items) {
            text.append(item.number() != null ? item.number() : String.valueOf(item.ticketId())).append(' ');
            if (text.length() > 2900) {
                text.append("…");
                break;
            }
        }
        return text.toString().strip();
    }

    static List<LayoutBlock> blocks(List<AlertItem> items) {
        return items.size() == 1 ? single(items.getFirst()) : batch(items);
    }

    private static List<LayoutBlock> single(AlertItem item) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(truncate(icon(item.kind()) + " " + item.headline(), 150)))));
        String title = item.link() != null ? "*<" + item.link() + "|" + escape(item.title()) + ">*" : "*" + escape(item.title()) + "*";
        if (item.detail() != null) {
            title += "\n" + escape(truncate(item.detail(), 1500));
        }
        String text = truncate(title, SECTION_CHARS);
        List<TextObject> fields = new ArrayList<>();
        field(fields, "Priority", item.priority());
        field(fields, "Customer", item.customer());
        field(fields, "Tier", item.tier());
        field(fields, "Holder", item.assigneeName() != null ? item.assigneeName() : item.assigneeId() == null ? "unassigned" : item.assigneeId());
        if (item.deadline() != null) {
            fields.add(markdownText("*SLA deadline*\n" + date(item.deadline())));
        }
        field(fields, "Channel", item.channel());
        blocks.add(section(s -> s.text(markdownText(text)).fields(fields.isEmpty() ? null : fields)));
        if (item.ticketId() != null) {
            String id = item.ticketId().toString();
            List<BlockElement> buttons = new ArrayList<>();
            buttons.add(button(b -> b.text(plainText("Acknowledge")).actionId(ACK).value(id).style("primary")));
            buttons.add(button(b -> b.text(plainText("Assign to me")).actionId(ASSIGN_ME).value(id)));
            if (item.link() != null) {
                buttons.add(button(b -> b.text(plainText("Open")).actionId(OPEN).value(id).url(item.link())));
            }
            blocks.add(actions(a -> a.blockId("crm_ticket_" + id).elements(buttons)));
        }
        return blocks;
    }

    private static List<LayoutBlock> batch(List<AlertItem> items) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(truncate(summary(items), 150)))));
        List<String> sections = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (AlertItem item : items) {
            String line = line(item);
            if (current.length() + line.length() + 1 > SECTION_CHARS) {
                sections.add(current.toString());
                current = new StringBuilder();
            }
            current.append(line).append('\n');
        }
        if (!current.isEmpty()) {
            sections.add(current.toString());
        }
        if (sections.size() > MAX_SECTIONS) {
            // the dispatcher keeps batches far below this; never drop silently
            throw new IllegalArgumentException("too many items for one Slack message: " + items.size());
        }
        sections.forEach(s -> blocks.add(section(b -> b.text(markdownText(s.strip())))));
        blocks.add(context(c -> c.elements(List.of(markdownText(items.size() + " alerts listed together (one message per "
                + "channel and window); open a ticket for its buttons")))));
        return blocks;
    }

    static String line(AlertItem item) {
        String ref = item.number() != null ? item.number() : String.valueOf(item.ticketId());
        StringBuilder line = new StringBuilder("• ");
        line.append(item.link() != null ? "*<" + item.link() + "|" + escape(ref) + ">*" : "*" + escape(ref) + "*");
        if (item.subject() != null) {
            line.append(' ').append(escape(truncate(item.subject(), 80)));
        }
        line.append(" · ").append(item.headline());
        if (item.priority() != null) {
            line.append(" · ").append(item.priority());
        }
        if (item.customer() != null) {
            line.append(" · ").append(escape(truncate(item.customer(), 60)));
        }
        if (item.deadline() != null) {
            line.append(" · due ").append(date(item.deadline()));
        }
        return line.toString();
    }

    static String summary(List<AlertItem> items) {
        Map<EventKind, Integer> kinds = new LinkedHashMap<>();
        items.forEach(i -> kinds.merge(i.kind(), 1, Integer::sum));
        if (kinds.size() == 1) {
            EventKind kind = kinds.keySet().iterator().next();
            return icon(kind) + " " + items.size() + " × " + items.getFirst().headline().replaceAll(" \\(.*\\)$", "");
        }
        return ":bell: " + items.size() + " alerts";
    }

    private static String icon(EventKind kind) {
        return switch (kind) {
            case SLA_BREACH -> ":rotating_light:";
            case SLA_WARNING -> ":warning:";
            case URGENT_TICKET -> ":fire:";
            case VIP_CUSTOMER -> ":star:";
            case MENTION -> ":speech_balloon:";
            case AGENT_ASSIGNED -> ":inbox_tray:";
        };
    }

    private static void field(List<TextObject> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.add(markdownText("*" + name + "*\n" + escape(truncate(value, 200))));
        }
    }

    /** Slack's date token: shown in the reader's time zone, with the UTC instant as the fallback. */
    static String date(Instant instant) {
        return "<!date^" + instant.getEpochSecond() + "^{date_short_pretty} {time}|" + instant + ">";
    }

    /** Slack mrkdwn control characters (a subject cannot @channel anyone or forge a link). */
    public static String escape(String text) {
        return text == null ? null : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
