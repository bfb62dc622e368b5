package com.quimbi.crm.automation.webhook;

import java.util.List;

import com.quimbi.crm.contracts.automation.CsatRated;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketUpdated;

/**
 * The events an endpoint can ask for. The names are the contracts' types, except {@code ticket.solved}: a
 * {@code ticket.status_changed} to solved.
 */
final class WebhookEvents {

    static final String TICKET_SOLVED = "ticket.solved";

    static final List<String> NAMES = List.of(TicketCreated.TYPE, TicketUpdated.TYPE, TICKET_SOLVED, MessageAdded.TYPE,
            SlaBreached.TYPE, CsatRated.TYPE);

    private WebhookEvents() {
    }
}
