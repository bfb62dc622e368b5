package com.quimbi.crm.quimbi.intelligence;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.quimbi.crm.quimbi.client.QuimbiApi;
import com.quimbi.crm.quimbi.client.QuimbiClient;
import com.quimbi.crm.quimbi.client.QuimbiException;
import com.quimbi.crm.quimbi.fallback.CustomerHeuristics;
import com.quimbi.crm.quimbi.fallback.DraftTemplates;
import com.quimbi.crm.quimbi.fallback.FallbackClassifier;
import com.quimbi.crm.quimbi.fallback.LanguageGuess;
import com.quimbi.crm.quimbi.insight.ChurnRisk;
import com.quimbi.crm.quimbi.insight.CustomerDna;
import com.quimbi.crm.quimbi.insight.CustomerHistory;
import com.quimbi.crm.quimbi.insight.DraftContext;
import com.quimbi.crm.quimbi.insight.Ltv;
import com.quimbi.crm.quimbi.insight.ReplyDraft;
import com.quimbi.crm.quimbi.insight.Source;
import com.quimbi.crm.quimbi.insight.TicketInsight;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Asks Quimbi, and when Quimbi is disabled, down, slow, open-circuited or answers nonsense, answers from the
 * deterministic fallbacks instead. Never throws for a Quimbi problem: the pipeline keeps moving. This is
 * also where Quimbi's vocabulary is translated into ours (the anti-corruption layer's mapping).
 */
@Service
public class Intelligence {

    private static final Logger log = LoggerFactory.getLogger(Intelligence.class);

    private final QuimbiClient quimbi;
    private final FallbackClassifier classifier;
    private final LanguageGuess languages;
    private final MeterRegistry meters;
    private final Clock clock;

    Intelligence(QuimbiClient quimbi, FallbackClassifier classifier, LanguageGuess languages, MeterRegistry meters,
            Clock clock) {
        this.quimbi = quimbi;
        this.classifier = classifier;
        this.languages = languages;
        this.meters = meters;
        this.clock = clock;
    }

    public TicketInsight classify(String ticketId, String subject, String body, String channel, String priority,
            String customerId) {
        if (quimbi.enabled()) {
            try {
                QuimbiApi.Classification c = quimbi.classify(
                        new QuimbiApi.ClassifyRequest(ticketId, subject, body, channel, customerId));
                TicketInsight fallback = null;
                String category = known(c.category(), TicketInsight.CATEGORIES);
                String sentiment = known(c.sentiment().label(), TicketInsight.SENTIMENTS);
                String urgency = known(c.urgency(), TicketInsight.URGENCIES);
                if (category == null || sentiment == null || urgency == null) {
                    // a label we don't know (Quimbi added one): keep what we can, fill the rest ourselves
                    fallback = classifier.classify(subject, body, priority);
                }
                return new TicketInsight(category != null ? category : fallback.category(),
                        c.categoryConfidence() != null ? c.categoryConfidence() : c.confidence(),
                        sentiment != null ? sentiment : fallback.sentiment(),
                        c.sentiment().score() != null ? clamp(c.sentiment().score()) : 0.0,
                        urgency != null ? urgency : fallback.urgency(), c.confidence(),
                        isoLanguage(c.language()).orElseGet(() -> languages.of(subject, body).orElse(null)),
                        Source.QUIMBI);
            } catch (QuimbiException e) {
                fellBack(e);
            }
        }
        return classifier.classify(subject, body, priority).withLanguage(languages.of(subject, body).orElse(null));
    }

    /** Quimbi may answer "EN" or "en-US"; the contract carries a bare ISO 639-1 code. */
    static java.util.Optional<String> isoLanguage(String language) {
        if (language == null || !language.matches("(?i)[a-z]{2}([-_][a-z0-9]+)?")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(language.substring(0, 2).toLowerCase(java.util.Locale.ROOT));
    }

    /** @param customerId ticket-service's customer id; null when only an email is known (Quimbi can't help then) */
    public ChurnRisk churn(String customerId, CustomerHistory history) {
        if (quimbi.enabled() && customerId != null) {
            try {
                QuimbiApi.ChurnPrediction p = quimbi.churn(customerId);
                List<ChurnRisk.Driver> drivers = new ArrayList<>();
                if (p.drivers() != null) {
                    p.drivers().forEach(d -> drivers.add(new ChurnRisk.Driver(d.feature(), d.impact(), d.description())));
                }
                return new ChurnRisk(customerId, p.churnProbability(), ChurnRisk.level(p.churnProbability()),
                        List.copyOf(drivers), Source.QUIMBI);
            } catch (QuimbiException e) {
                fellBack(e);
            }
        }
        return CustomerHeuristics.churn(history, Instant.now(clock));
    }

    public Ltv ltv(String customerId, CustomerHistory history, ChurnRisk churn) {
        if (quimbi.enabled() && customerId != null) {
            try {
                QuimbiApi.LtvEstimate e = quimbi.ltv(customerId);
                BigDecimal historical = e.historicalLtv() != null && e.historicalLtv().amount() != null
                        ? e.historicalLtv().amount() : history.totalSpent();
                String currency = e.predictedLtv().currency() != null ? e.predictedLtv().currency() : "USD";
                return new Ltv(historical, e.predictedLtv().amount(), currency, Source.QUIMBI);
            } catch (QuimbiException e) {
                fellBack(e);
            }
        }
        return CustomerHeuristics.ltv(history, churn, Instant.now(clock));
    }

    public CustomerDna dna(String customerId, CustomerHistory history) {
        if (quimbi.enabled() && customerId != null) {
            try {
                QuimbiApi.DnaProfile p = quimbi.dna(customerId);
                return new CustomerDna(customerId, p.archetype(), p.segments() == null ? List.of() : List.copyOf(p.segments()),
                        p.traits() == null ? Map.of() : Map.copyOf(p.traits()), p.preferredChannel(),
                        CustomerHeuristics.tier(history), Source.QUIMBI);
            } catch (QuimbiException e) {
                fellBack(e);
            }
        }
        return CustomerHeuristics.dna(history, Instant.now(clock));
    }

    public ReplyDraft draft(DraftContext context, List<QuimbiApi.DraftOrder> orders) {
        if (quimbi.enabled()) {
            try {
                List<QuimbiApi.DraftMessage> conversation = context.customerMessages().stream()
                        .map(m -> new QuimbiApi.DraftMessage("customer", m, null)).toList();
                QuimbiApi.Draft d = quimbi.draft(new QuimbiApi.DraftRequest(
                        new QuimbiApi.DraftTicket(context.ticketId(), context.number(), context.subject(),
                                context.body(), context.channel(), context.category()),
                        conversation,
                        new QuimbiApi.DraftCustomer(context.customerId(), context.customerName(), context.tier(), null),
                        orders, context.tone()));
                return new ReplyDraft(context.ticketId(), d.text(), d.confidence() == null ? 0.0 : d.confidence(),
                        d.suggestedActions() == null ? List.of() : List.copyOf(d.suggestedActions()), Source.QUIMBI);
            } catch (QuimbiException e) {
                fellBack(e);
            }
        }
        return DraftTemplates.draft(context);
    }

    private void fellBack(QuimbiException e) {
        String reason = switch (e) {
            case QuimbiException.Unavailable u -> "unavailable";
            case QuimbiException.Rejected r -> "rejected";
            case QuimbiException.NotFound n -> "not_found";
            case QuimbiException.BadResponse b -> "bad_response";
            case QuimbiException.Disabled d -> "disabled";
        };
        meters.counter("quimbi.fallback", "operation", e.operation(), "reason", reason).increment();
        // the message names the operation and the cause only (no ids, no bodies)
        if (e instanceof QuimbiException.NotFound) {
            log.debug("Using the fallback: {}", e.getMessage());
        } else {
            log.warn("Using the fallback: {}", e.getMessage());
        }
    }

    private static String known(String value, List<String> allowed) {
        if (value == null) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT);
        return allowed.contains(v) ? v : null;
    }

    private static double clamp(double score) {
        return Math.max(-1, Math.min(1, score));
    }
}
