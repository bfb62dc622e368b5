package com.quimbi.crm.quimbi.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Quimbi's JSON shapes as we expect them (src/main/resources/quimbi/quimbi-api.yaml documents the same).
 * Quimbi speaks snake_case; the client's mapper translates. These types stay inside the adapter: the rest
 * of the system only ever sees our own events and API.
 */
public final class QuimbiApi {

    private QuimbiApi() {
    }

    public record DnaProfile(String customerId, String archetype, List<String> segments, Map<String, Double> traits,
            String preferredChannel, String communicationStyle, Instant updatedAt) {
    }

    public record ChurnPrediction(String customerId, Double churnProbability, String riskLevel, List<Driver> drivers,
            String modelVersion) {
    }

    public record Driver(String feature, double impact, String description) {
    }

    public record LtvEstimate(String customerId, Money predictedLtv, Money historicalLtv, Integer horizonMonths) {
    }

    public record Money(BigDecimal amount, String currency) {
    }

    public record ClassifyRequest(String ticketId, String subject, String body, String channel, String customerId) {
    }

    public record Classification(String category, Double categoryConfidence, Sentiment sentiment, String urgency,
            Double confidence, String language, String modelVersion) {
    }

    public record Sentiment(String label, Double score) {
    }

    public record DraftRequest(DraftTicket ticket, List<DraftMessage> conversation, DraftCustomer customer,
            List<DraftOrder> orders, String tone) {
    }

    public record DraftTicket(String id, String number, String subject, String body, String channel,
            String category) {
    }

    public record DraftMessage(String author, String body, Instant at) {
    }

    public record DraftCustomer(String id, String name, String tier, String archetype) {
    }

    public record DraftOrder(String id, String status, BigDecimal total, String currency, Instant placedAt) {
    }

    public record Draft(String draftId, String text, Double confidence, List<String> suggestedActions) {
    }
}
