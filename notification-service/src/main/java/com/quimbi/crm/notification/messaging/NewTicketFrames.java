package com.quimbi.crm.notification.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.quimbi.crm.notification.directory.TicketDirectory;
import com.quimbi.crm.notification.fanout.FrameBus;

/**
 * {@code new_ticket} names the ticket (number, subject, priority), and crm.assignment.events may be consumed
 * before the crm.ticket.events that announced the ticket: then the frame waits for ticket.created, which sends
 * it to the holder it finds in the read model.
 */
@Component
class NewTicketFrames {

    static final String NEW_TICKET = "new_ticket";

    private final FrameBus frames;

    NewTicketFrames(FrameBus frames) {
        this.frames = frames;
    }

    /** Sends it when the ticket is known; false when it has to wait for ticket.created. */
    boolean send(TicketDirectory.TicketView ticket, String assignee, String reason, String eventId) {
        if (ticket.number() == null) {
            return false;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ticketId", ticket.ticketId().toString());
        fields.put("number", ticket.number());
        fields.put("subject", ticket.subject());
        fields.put("status", ticket.status());
        fields.put("priority", ticket.priority());
        fields.put("reason", reason);
        fields.put("eventId", eventId);
        frames.send(List.of(assignee), NEW_TICKET, fields);
        return true;
    }
}
