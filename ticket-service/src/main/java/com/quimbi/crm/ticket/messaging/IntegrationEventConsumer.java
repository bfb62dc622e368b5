package com.quimbi.crm.ticket.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.messaging.EventReader;
import com.quimbi.crm.platform.messaging.Inbox;
import com.quimbi.crm.ticket.customer.CustomerService;
import com.quimbi.crm.ticket.messaging.IncomingData.CustomerSynced;
import com.quimbi.crm.ticket.messaging.IncomingData.MessageImported;
import com.quimbi.crm.ticket.messaging.IncomingData.TicketImported;
import com.quimbi.crm.ticket.message.MessageService;
import com.quimbi.crm.ticket.ticket.CreateTicketRequest;
import com.quimbi.crm.ticket.ticket.Ticket;
import com.quimbi.crm.ticket.ticket.TicketService;

/**
 * Partner data (crm.integration.events): Shopify customers are upserted and deduplicated by shop id, then email;
 * Gorgias tickets and messages are imported under their external ids, never twice (unique indexes back this up
 * beyond the inbox).
 */
@Component
class IntegrationEventConsumer {

    private final EventReader reader;
    private final Inbox inbox;
    private final CustomerService customers;
    private final TicketService tickets;
    private final MessageService messages;
    private final String group;

    IntegrationEventConsumer(EventReader reader, Inbox inbox, CustomerService customers, TicketService tickets,
            MessageService messages, @Value("${spring.kafka.consumer.group-id}") String group) {
        this.reader = reader;
        this.inbox = inbox;
        this.customers = customers;
        this.tickets = tickets;
        this.messages = messages;
        this.group = group;
    }

    @KafkaListener(topics = "crm.integration.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        Incoming.process(reader, inbox, group, record.value(), (event, actor) -> {
            switch (event.type()) {
                case "integration.customer_synced" -> onCustomerSynced(reader.data(event, CustomerSynced.class), actor);
                case "integration.ticket_imported" -> onTicketImported(reader.data(event, TicketImported.class), actor);
                case "integration.message_imported" -> onMessageImported(reader.data(event, MessageImported.class), actor);
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    void onCustomerSynced(CustomerSynced e, Actor actor) {
        customers.upsertSynced("shopify".equals(e.source()) ? e.externalId() : null, e.email(), e.name(), e.phone(),
                actor);
    }

    void onTicketImported(TicketImported e, Actor actor) {
        CreateTicketRequest request = new CreateTicketRequest(e.subject(), e.description(), e.priority(), e.channel(),
                e.customerEmail(), e.customerName(), null, e.tags(), null);
        tickets.importTicket(e.source(), e.externalTicketId(), request, e.status(), e.createdAt(), actor);
    }

    void onMessageImported(MessageImported e, Actor actor) {
        // the ticket event comes first on the same key; if it is missing, failing lets the retries/DLT show it
        Ticket ticket = tickets.findImported(e.source(), e.externalTicketId()).orElseThrow(() -> new IllegalStateException(
                "message " + e.externalMessageId() + " of unknown " + e.source() + " ticket " + e.externalTicketId()));
        messages.importMessage(ticket.getId(), e.source(), e.externalMessageId(), e.authorType(), e.bodyText(),
                e.bodyHtml(), Boolean.TRUE.equals(e.internal()), e.createdAt(), actor);
    }
}
