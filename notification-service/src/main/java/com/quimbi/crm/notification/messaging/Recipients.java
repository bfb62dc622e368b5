package com.quimbi.crm.notification.messaging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.quimbi.crm.notification.collision.Viewers;
import com.quimbi.crm.notification.directory.TicketDirectory;

/** Who hears about a ticket: its assignee (the read model) and whoever has it open. */
final class Recipients {

    private Recipients() {
    }

    static List<String> holderAndWatchers(TicketDirectory tickets, Viewers viewers, UUID ticketId, String... more) {
        Set<String> agents = new LinkedHashSet<>();
        tickets.find(ticketId).map(TicketDirectory.TicketView::assigneeId).ifPresent(agents::add);
        for (String agent : more) {
            if (agent != null) {
                agents.add(agent);
            }
        }
        agents.addAll(viewers.watchers(ticketId));
        return new ArrayList<>(agents);
    }
}
