package com.quimbi.crm.quimbi.insight;

/**
 * What a ticket's text says: category, sentiment (label and score in [-1, 1]), urgency, and the
 * confidence of the category (a probability), and the language it is written in (ISO 639-1; null when unknown).
 */
public record TicketInsight(String category, double categoryConfidence, String sentiment, double sentimentScore,
        String urgency, double confidence, String language, Source source) {

    public TicketInsight withLanguage(String code) {
        return new TicketInsight(category, categoryConfidence, sentiment, sentimentScore, urgency, confidence, code,
                source);
    }

    public static final java.util.List<String> CATEGORIES = java.util.List.of("account", "billing", "general",
            "product", "returns", "shipping", "technical");
    public static final java.util.List<String> SENTIMENTS = java.util.List.of("negative", "neutral", "positive");
    public static final java.util.List<String> URGENCIES = java.util.List.of("low", "normal", "high", "urgent");
}
