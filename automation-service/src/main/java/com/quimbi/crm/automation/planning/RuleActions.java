package com.quimbi.crm.automation.planning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.automation.macro.Placeholders;
import com.quimbi.crm.automation.macro.TicketChanges;
import com.quimbi.crm.automation.peers.PeerException;
import com.quimbi.crm.automation.peers.TicketDesk;

import tools.jackson.databind.JsonNode;

/**
 * What a rule (time or event) does on ticket-service as the service account: an internal note that names the rule
 * and what it changes (ticket-service's activity log shows the service account as the actor; this note is where
 * the ticket says which rule acted), then one PATCH with If-Match (412: read again, up to 3 times).
 */
@Component
public class RuleActions {

    private final TicketDesk desk;

    RuleActions(TicketDesk desk) {
        this.desk = desk;
    }

    /** The ticket/customer placeholder values of a ticket as ticket-service shows it. */
    public static Map<String, String> placeholders(JsonNode ticket) {
        Map<String, String> values = new LinkedHashMap<>();
        String name = TicketChanges.text(ticket.path("customer"), "name");
        values.put("customer.name", name);
        values.put("customer.first_name", Placeholders.firstName(name));
        values.put("customer.email", TicketChanges.text(ticket.path("customer"), "email"));
        values.put("ticket.number", TicketChanges.text(ticket, "number"));
        values.put("ticket.subject", TicketChanges.text(ticket, "subject"));
        return values;
    }

    /**
     * The note a firing leaves: "Automation: <kind> «name»: status open → pending; tags [a] → [a, b]", then the
     * rule's own note (rendered). Null when the rule neither changes nor notes anything.
     */
    public static String attribution(String kind, String name, List<TicketChanges.Change> changes, String note) {
        if (changes.isEmpty() && (note == null || note.isBlank())) {
            return null;
        }
        String what = changes.isEmpty() ? "no field changes" : changes.stream()
                .map(c -> c.field() + " " + (c.from() == null ? "(none)" : c.from()) + " → " + c.to())
                .collect(Collectors.joining("; "));
        String line = "Automation: " + kind + " «" + name + "»: " + what;
        return note == null || note.isBlank() ? line : line + "\n\n" + note;
    }

    /** The attribution note (if any) as an internal note. */
    public void note(UUID ticketId, String body, String token, String key) {
        if (body != null) {
            desk.addMessage(ticketId, Map.of("body", body, "internal", true, "authorType", "agent"), token, key);
        }
    }

    /** The actions' field changes in one PATCH with If-Match; re-read on 412, up to 3 times. */
    public void patch(UUID ticketId, MacroActions actions, TicketDesk.TicketView first, String token, String key) {
        TicketDesk.TicketView view = first;
        for (int attempt = 1; ; attempt++) {
            Map<String, Object> patch = new LinkedHashMap<>();
            TicketChanges.of(actions, view.ticket()).forEach(c -> patch.put(c.field(), c.to()));
            if (patch.isEmpty()) {
                return;
            }
            try {
                desk.update(ticketId, patch, view.etag(), token, key);
                return;
            } catch (PeerException e) {
                if (e.status() != 412 || attempt == 3) {
                    throw e;
                }
                view = desk.ticket(ticketId, token);
            }
        }
    }
}
