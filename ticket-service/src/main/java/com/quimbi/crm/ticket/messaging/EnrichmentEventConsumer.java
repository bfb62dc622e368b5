package com.quimbi.crm.ticket.messaging;

import java.util.Locale;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.enrichment.Sentiment;
import com.quimbi.crm.contracts.enrichment.TicketEnriched;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.messaging.EventRoutes;
import com.quimbi.crm.platform.messaging.IdempotentConsumer;
import com.quimbi.crm.ticket.customer.CustomerService;
import com.quimbi.crm.contracts.customer.CustomerTier;
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
            .on(TicketEnriched.class, (event, e) -> onTicketEnriched(e, event.actorOrSystem()));

    EnrichmentEventConsumer(IdempotentConsumer consumer, TicketService tickets, CustomerService customers) {
        this.consumer = consumer;
        this.tickets = tickets;
        this.customers = customers;
    }

    @KafkaListener(topics = Topics.ENRICHMENT)
    @Transactional
    void on(ConsumerRecord<String, String> record) {
        consumer.handle(record, routes);
    }

    private void onTicketEnriched(TicketEnriched e, Actor actor) {
        CustomerTier tier = e.customerTier() == null ? CustomerTier.STANDARD : e.customerTier();
        Enrichment enrichment = new Enrichment(e.categoryConfidence(), sentimentValue(e), e.churnRisk(), e.ltv(),
                tier, e.enrichedAt());
        String category = e.category() == null ? null : e.category().name().toLowerCase(Locale.ROOT);
        if (!tickets.applyEnrichment(e.ticketId(), enrichment, category, e.language(), actor)) {
            log.info("Enrichment for unknown or deleted ticket {} ignored", e.ticketId());
            return;
        }
        UUID customerId = tickets.get(e.ticketId()).getCustomerId();
        if (customerId != null && e.customerTier() != null) {
            customers.applyTier(customerId, tier, actor);
        }
    }

    /** The numeric sentiment: the score when given, else a midpoint for the label. */
    private static Double sentimentValue(TicketEnriched e) {
        if (e.sentimentScore() != null) {
            return e.sentimentScore();
        }
        return e.sentiment() == null ? null : switch (e.sentiment()) {
            case NEGATIVE -> -0.6;
            case POSITIVE -> 0.6;
            case NEUTRAL -> 0.0;
        };
    }
}
