package com.quimbi.crm.ticket.messaging;

import java.util.UUID;

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
import com.quimbi.crm.ticket.customer.CustomerTier;
import com.quimbi.crm.ticket.messaging.IncomingData.TicketEnriched;
import com.quimbi.crm.ticket.ticket.Enrichment;
import com.quimbi.crm.ticket.ticket.TicketService;

/** Quimbi's view of a ticket (crm.enrichment.events): snapshot, category, customer tier; re-scores the ticket. */
@Component
class EnrichmentEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentEventConsumer.class);

    private final IdempotentConsumer consumer;
    private final TicketService tickets;
    private final CustomerService customers;
    private final EventRoutes routes = EventRoutes.create()
            .on("enrichment.ticket_enriched", TicketEnriched.class,
                    (event, e) -> onTicketEnriched(e, event.actorOrSystem()));

    EnrichmentEventConsumer(IdempotentConsumer consumer, TicketService tickets, CustomerService customers) {
        this.consumer = consumer;
        this.tickets = tickets;
        this.customers = customers;
    }

    @KafkaListener(topics = "crm.enrichment.events")
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onTicketEnriched(TicketEnriched e, Actor actor) {
        CustomerTier tier = CustomerTier.fromWire(e.customerTier());
        Enrichment enrichment = new Enrichment(e.categoryConfidence(), e.sentimentValue(), e.churnRisk(), e.ltv(),
                tier, e.enrichedAt());
        if (!tickets.applyEnrichment(e.ticketId(), enrichment, e.category(), e.language(), actor)) {
            log.info("Enrichment for unknown or deleted ticket {} ignored", e.ticketId());
            return;
        }
        UUID customerId = tickets.get(e.ticketId()).getCustomerId();
        if (customerId != null && e.customerTier() != null) {
            customers.applyTier(customerId, tier, actor);
        }
    }
}
