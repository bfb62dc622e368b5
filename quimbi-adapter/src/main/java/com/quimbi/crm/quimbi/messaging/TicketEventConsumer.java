package com.quimbi.crm.quimbi.messaging;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.enrichment.EnrichmentTrigger;
import com.quimbi.crm.contracts.ticket.AuthorType;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.quimbi.customer.CustomerActivity;
import com.quimbi.crm.quimbi.customer.OrderHistory;
import com.quimbi.crm.quimbi.enrichment.EnrichmentService;
import com.quimbi.crm.quimbi.ticket.TicketContexts;

/**
 * New tickets and customer messages are classified and scored; the result leaves as
 * {@code enrichment.ticket_enriched}. Inbox first, then the effects and the outbox row, in one transaction:
 * a redelivered event changes nothing. Quimbi problems never fail the record (the fallbacks answer).
 */
@Component
class TicketEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(TicketEventConsumer.class);
    /** Enough text to classify and draft from; the rest of a long description adds cost, not signal. */
    private static final int MAX_TEXT = 20_000;

    private final IdempotentConsumer consumer;
    private final TicketContexts tickets;
    private final CustomerActivity customers;
    private final OrderHistory orders;
    private final EnrichmentService enrichment;
    private final EventRoutes routes = EventRoutes.create()
            .on(TicketCreated.class, (event, ticket) -> onTicketCreated(event.id(), ticket))
            .on(MessageAdded.class, (event, message) -> onMessageAdded(event.id(), event.occurredAt(), message));

    TicketEventConsumer(IdempotentConsumer consumer, TicketContexts tickets, CustomerActivity customers,
            OrderHistory orders, EnrichmentService enrichment) {
        this.consumer = consumer;
        this.tickets = tickets;
        this.customers = customers;
        this.orders = orders;
        this.enrichment = enrichment;
    }

    @KafkaListener(topics = Topics.TICKET)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onTicketCreated(UUID eventId, TicketCreated ticket) {
        String customerKey = ticket.customerId() != null ? ticket.customerId().toString()
                : "email:" + ticket.customerEmail().toLowerCase(Locale.ROOT);
        String channel = wire(ticket.channel());
        boolean isNew = tickets.recordCreated(ticket.ticketId(), ticket.number(), ticket.subject(),
                truncate(ticket.description()), channel, wire(ticket.priority()), customerKey, ticket.customerEmail(),
                ticket.createdAt());
        if (!isNew) {
            // the same ticket under another event id (a replay from another producer run): already enriched
            return;
        }
        customers.seen(customerKey, channel, ticket.createdAt());
        // orders that arrived before the customer's first ticket count for them too
        orders.refreshActivity(customerKey, ticket.customerEmail());
        enrichment.enrich(ticket.ticketId(), EnrichmentTrigger.TICKET_CREATED, eventId);
    }

    private void onMessageAdded(UUID eventId, Instant at, MessageAdded message) {
        if (message.authorType() != AuthorType.CUSTOMER || message.internal() || message.bodyText().isBlank()) {
            return;
        }
        if (tickets.find(message.ticketId()).isEmpty()) {
            log.debug("message.added for ticket {} the adapter has not seen; skipped", message.ticketId());
            return;
        }
        tickets.recordCustomerMessage(message.ticketId(), truncate(message.bodyText()), at);
        enrichment.enrich(message.ticketId(), EnrichmentTrigger.MESSAGE_ADDED, eventId);
    }

    /** The adapter stores channel and priority as their wire names, as Quimbi reads them. */
    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
