package com.quimbi.crm.quimbi.draft;

import java.util.List;
import java.util.UUID;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.quimbi.customer.CustomerInsights;
import com.quimbi.crm.quimbi.customer.OrderHistory;
import com.quimbi.crm.quimbi.insight.DraftContext;
import com.quimbi.crm.quimbi.insight.ReplyDraft;
import com.quimbi.crm.quimbi.intelligence.Intelligence;
import com.quimbi.crm.quimbi.ticket.TicketContext;
import com.quimbi.crm.quimbi.ticket.TicketContexts;

/**
 * Reply drafts for agents. Quimbi's drafts are cached for an hour per ticket, conversation state and tone:
 * asking again for the same ticket returns the same draft until the customer writes again.
 */
@Service
public class DraftService {

    private final OrderHistory orders;

    public static final String DRAFTS = "drafts";
    static final int CONVERSATION_MESSAGES = 5;

    private final TicketContexts tickets;
    private final CustomerInsights customers;
    private final Intelligence intelligence;

    DraftService(TicketContexts tickets, CustomerInsights customers, OrderHistory orders, Intelligence intelligence) {
        this.orders = orders;
        this.tickets = tickets;
        this.customers = customers;
        this.intelligence = intelligence;
    }

    public TicketContext ticket(UUID ticketId) {
        return tickets.find(ticketId).orElseThrow(() -> new NotFoundException("Ticket", ticketId));
    }

    @Cacheable(cacheNames = DRAFTS, key = "#ticket.ticketId() + ':' + #ticket.customerMessageCount() + ':' + #tone",
            unless = "#result.source() == T(com.quimbi.crm.quimbi.insight.Source).FALLBACK")
    public ReplyDraft draft(TicketContext ticket, Tone tone) {
        String tier = customers.risk(ticket.customerKey()).tier();
        // the conversation so far: the customer's last few messages (the opening text is the ticket's body)
        List<String> messages = tickets.customerMessages(ticket.ticketId(), CONVERSATION_MESSAGES);
        DraftContext context = new DraftContext(ticket.ticketId().toString(), ticket.number(), ticket.subject(),
                ticket.description(), ticket.channel(), ticket.category(), ticket.sentiment(), ticket.customerId(),
                null, tier, List.copyOf(messages), tone.toString(), orders.latest(ticket.customerEmail()).orElse(null));
        return intelligence.draft(context, orders.recentForQuimbi(ticket.customerEmail()));
    }
}
