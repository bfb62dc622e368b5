package com.quimbi.crm.automation.macro;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * The ticket fields (ticket-service's PATCH names) that {@link MacroActions} would change on a ticket as
 * ticket-service shows it: only real differences, tags as the whole resulting list (PATCH replaces it).
 */
public final class TicketChanges {

    /** A field of the ticket that would change. */
    public record Change(String field, Object from, Object to) {
    }

    private TicketChanges() {
    }

    public static List<Change> of(MacroActions actions, JsonNode ticket) {
        List<Change> changes = new ArrayList<>();
        field(changes, "status", text(ticket, "status"), actions.status());
        field(changes, "priority", text(ticket, "priority"), actions.priority());
        field(changes, "category", text(ticket, "category"), actions.category());
        if (!actions.addTags().isEmpty() || !actions.removeTags().isEmpty()) {
            List<String> tags = ticket.path("tags").valueStream().map(JsonNode::asString).toList();
            List<String> after = actions.tagsAfter(tags);
            if (!after.equals(tags)) {
                changes.add(new Change("tags", tags, after));
            }
        }
        return changes;
    }

    /** A text field of the ticket, or null when it is absent or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    private static void field(List<Change> changes, String field, String from, String to) {
        if (to != null && !Objects.equals(from, to)) {
            changes.add(new Change(field, from, to));
        }
    }
}
