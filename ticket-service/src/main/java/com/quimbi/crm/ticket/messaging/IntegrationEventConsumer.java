package com.quimbi.crm.ticket.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.ticket.customer.CustomerService;
import com.quimbi.crm.ticket.messaging.IncomingData.CustomerSynced;
import com.quimbi.crm.ticket.messaging.IncomingData.MessageDeliveryUpdated;
import com.quimbi.crm.ticket.messaging.IncomingData.MessageImported;
import com.quimbi.crm.ticket.messaging.IncomingData.TicketImported;
import com.quimbi.crm.ticket.message.MessageService;
import com.quimbi.crm.ticket.ticket.CreateTicketRequest;
import com.quimbi.crm.ticket.ticket.Ticket;
import com.quimbi.crm.ticket.ticket.TicketService;

/**
 * Partner data (crm.integration.events): Shopify customers are upserted and deduplicated by shop id, then email;
 * Gorgias tickets and messages are imported under their external ids, never twice (unique indexes back this up
 * beyond the inbox). The mail provider's reports move outbound emails' delivery status forward.
 */
@Component
class IntegrationEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(IntegrationEventConsumer.class);

    private final IdempotentConsumer consumer;
    private final CustomerService customers;
    private final TicketService tickets;
    private final MessageService messages;
    private final EventRoutes routes = EventRoutes.create()
            .on("integration.customer_synced", CustomerSynced.class, (event, e) -> onCustomerSynced(e, event.actorOrSystem()))
            .on("integration.ticket_imported", TicketImported.class, (event, e) -> onTicketImported(e, event.actorOrSystem()))
            .on("integration.message_imported", MessageImported.class,
                    (event, e) -> onMessageImported(e, event.actorOrSystem()))
            .on("integration.message_delivery_updated", MessageDeliveryUpdated.class,
                    (event, e) -> onMessageDeliveryUpdated(e, event.actorOrSystem()));

    IntegrationEventConsumer(IdempotentConsumer consumer, CustomerService customers, TicketService tickets,
            MessageService messages) {
        this.consumer = consumer;
        this.customers = customers;
        this.tickets = tickets;
        this.messages = messages;
    }

    @KafkaListener(topics = "crm.integration.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onCustomerSynced(CustomerSynced e, Actor actor) {
        customers.upsertSynced("shopify".equals(e.source()) ? e.externalId() : null, e.email(), e.name(), e.phone(),
                actor);
    }

    private void onTicketImported(TicketImported e, Actor actor) {
        CreateTicketRequest request = new CreateTicketRequest(e.subject(), e.description(), e.priority(), e.channel(),
                e.customerEmail(), e.customerName(), null, e.tags(), null);
        tickets.importTicket(e.source(), e.externalTicketId(), request, e.status(), e.createdAt(), actor);
    }

    private void onMessageImported(MessageImported e, Actor actor) {
        // the ticket event comes first on the same key; if it is missing, failing lets the retries/DLT show it
        Ticket ticket = tickets.findImported(e.source(), e.externalTicketId()).orElseThrow(() -> new IllegalStateException(
                "message " + e.externalMessageId() + " of unknown " + e.source() + " ticket " + e.externalTicketId()));
        messages.importMessage(ticket.getId(), e.source(), e.externalMessageId(), e.authorType(), e.bodyText(),
                e.bodyHtml(), Boolean.TRUE.equals(e.internal()), e.createdAt(), actor);
    }

    private void onMessageDeliveryUpdated(MessageDeliveryUpdated e, Actor actor) {
        if (!messages.applyDeliveryStatus(e.messageId(), e.status(), e.detail(), actor)) {
            log.info("Delivery status of unknown or deleted message {} ignored", e.messageId());
        }
    }
}
