package com.quimbi.crm.quimbi.enrichment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.quimbi.crm.contracts.customer.CustomerTier;
import com.quimbi.crm.contracts.enrichment.Category;
import com.quimbi.crm.contracts.enrichment.ChurnRiskLevel;
import com.quimbi.crm.contracts.enrichment.EnrichmentSource;
import com.quimbi.crm.contracts.enrichment.EnrichmentTrigger;
import com.quimbi.crm.contracts.enrichment.Sentiment;
import com.quimbi.crm.contracts.enrichment.TicketEnriched;
import com.quimbi.crm.contracts.ticket.TicketPriority;
import com.quimbi.crm.quimbi.customer.CustomerRisk;
import com.quimbi.crm.quimbi.insight.Source;
import com.quimbi.crm.quimbi.insight.TicketInsight;

/**
 * Maps an insight and a risk to {@code enrichment.ticket_enriched} v1. The adapter's labels are the contract's
 * lower-case names ({@code TicketInsight.CATEGORIES} …), so each maps by name.
 */
final class EnrichmentEvents {

    private EnrichmentEvents() {
    }

    static TicketEnriched ticketEnriched(UUID ticketId, String customerId, TicketInsight insight, CustomerRisk risk,
            Source source, EnrichmentTrigger trigger, Instant enrichedAt) {
        return new TicketEnriched(ticketId, customerId, named(Category.class, insight.category()),
                insight.categoryConfidence(), named(Sentiment.class, insight.sentiment()), insight.sentimentScore(),
                named(TicketPriority.class, insight.urgency()), insight.confidence(), risk.churnProbability(),
                named(ChurnRiskLevel.class, risk.riskLevel()), risk.ltv().doubleValue(),
                decimal(risk.predictedLtv12Months()), risk.currency(), named(CustomerTier.class, risk.tier()),
                insight.language(), EnrichmentSource.valueOf(source.name()), trigger, enrichedAt);
    }

    private static <E extends Enum<E>> E named(Class<E> type, String label) {
        return Enum.valueOf(type, label.toUpperCase(Locale.ROOT));
    }

    private static Double decimal(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
