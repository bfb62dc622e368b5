package com.quimbi.crm.quimbi.enrichment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.enrichment.EnrichmentTrigger;
import com.quimbi.crm.contracts.enrichment.TicketEnriched;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.quimbi.customer.CustomerInsights;
import com.quimbi.crm.quimbi.customer.CustomerRisk;
import com.quimbi.crm.quimbi.insight.Source;
import com.quimbi.crm.quimbi.insight.TicketInsight;
import com.quimbi.crm.quimbi.intelligence.Intelligence;
import com.quimbi.crm.quimbi.ticket.TicketContext;
import com.quimbi.crm.quimbi.ticket.TicketContexts;

/**
 * Classifies and scores a ticket, records the answer and publishes {@code enrichment.ticket_enriched}
 * through the outbox, in the caller's transaction (the consumer's, which also holds the inbox row).
 */
@Service
public class EnrichmentService {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentService.class);

    private final TicketContexts tickets;
    private final Intelligence intelligence;
    private final CustomerInsights customers;
    private final OutboxWriter outbox;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    EnrichmentService(TicketContexts tickets, Intelligence intelligence, CustomerInsights customers,
            OutboxWriter outbox, JdbcTemplate jdbc, Clock clock) {
        this.tickets = tickets;
        this.intelligence = intelligence;
        this.customers = customers;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @param trigger the event that asked for it: ticket.created or message.added */
    @Transactional(propagation = Propagation.MANDATORY)
    public TicketEnriched enrich(UUID ticketId, EnrichmentTrigger trigger, UUID triggerEventId) {
        TicketContext ticket = tickets.find(ticketId).orElseThrow(() -> new NotFoundException("Ticket", ticketId));
        TicketInsight insight = intelligence.classify(ticketId.toString(), ticket.subject(), ticket.text(),
                ticket.channel(), ticket.priority(), ticket.customerId());
        tickets.recordInsight(ticketId, insight.category(), insight.sentiment());
        // the customer's ticket history just changed: a cached churn score is stale
        customers.forget(ticket.customerKey());
        CustomerRisk risk = customers.risk(ticket.customerKey());
        Source source = insight.source() == Source.QUIMBI && risk.source() == Source.QUIMBI ? Source.QUIMBI
                : Source.FALLBACK;
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        TicketEnriched enriched = EnrichmentEvents.ticketEnriched(ticketId, ticket.customerId(), insight, risk, source,
                trigger, now);
        jdbc.update("""
                INSERT INTO ticket_enrichment (ticket_id, category, category_confidence, sentiment, urgency, churn_risk,
                    ltv, customer_tier, source, trigger_event_id, enriched_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (ticket_id) DO UPDATE SET category = excluded.category,
                    category_confidence = excluded.category_confidence, sentiment = excluded.sentiment,
                    urgency = excluded.urgency, churn_risk = excluded.churn_risk, ltv = excluded.ltv,
                    customer_tier = excluded.customer_tier, source = excluded.source,
                    trigger_event_id = excluded.trigger_event_id, enriched_at = excluded.enriched_at""",
                ticketId, insight.category(), insight.categoryConfidence(), insight.sentiment(), insight.urgency(),
                risk.churnProbability(), risk.ltv(), risk.tier(), source.name().toLowerCase(Locale.ROOT),
                triggerEventId, Timestamp.from(now));
        outbox.append(ticketId.toString(), Actor.SYSTEM, enriched);
        log.info("Enriched ticket {} after {}: {} / {} / {} ({})", ticketId, trigger, insight.category(),
                insight.sentiment(), insight.urgency(), source);
        return enriched;
    }
}
