package com.quimbi.crm.quimbi.fallback;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.quimbi.crm.quimbi.insight.Source;
import com.quimbi.crm.quimbi.insight.TicketInsight;

/**
 * Category and sentiment from two naive Bayes models trained when the service starts on the labelled
 * tickets the module ships, plus a rule for urgency. Deterministic: the same ticket always gets the same
 * answer, marked {@code source: "fallback"}.
 */
@Component
public class FallbackClassifier {

    private static final Logger log = LoggerFactory.getLogger(FallbackClassifier.class);

    /** Words that make a ticket more pressing than its priority says: money at stake, deadlines, escalation. */
    private static final Pattern PRESSING = Pattern.compile("\\b(chargeback|dispute|lawyer|legal|fraud|today|"
            + "immediately|asap|urgent|escalate|manager|never order again|bad review|cancel)\\b");

    private final NaiveBayes categories;
    private final NaiveBayes sentiments;

    public FallbackClassifier() {
        this(TrainingSet.load());
    }

    FallbackClassifier(TrainingSet set) {
        long started = System.nanoTime();
        this.categories = NaiveBayes.train(set.rows().stream()
                .map(r -> new NaiveBayes.Example(r.category(), r.text())).toList());
        this.sentiments = NaiveBayes.train(set.rows().stream()
                .map(r -> new NaiveBayes.Example(r.sentiment(), r.text())).toList());
        log.info("Fallback classifier trained on {} labelled tickets in {} ms (categories {})", set.rows().size(),
                (System.nanoTime() - started) / 1_000_000, categories.labels());
    }

    /** @param priority the ticket's priority (low, normal, high, urgent); null counts as normal */
    public TicketInsight classify(String subject, String body, String priority) {
        String text = (subject == null ? "" : subject) + ". " + (body == null ? "" : body);
        NaiveBayes.Prediction category = categories.predict(text);
        NaiveBayes.Prediction sentiment = sentiments.predict(text);
        double sentimentScore = sentiment.probabilities().getOrDefault("positive", 0.0)
                - sentiment.probabilities().getOrDefault("negative", 0.0);
        String urgency = urgency(priority, sentiment.label(), text);
        return new TicketInsight(category.label(), round(category.confidence()), sentiment.label(),
                round(sentimentScore), urgency, round(category.confidence()), null, Source.FALLBACK);
    }

    /**
     * Priority sets the base; a negative ticket with pressing words (chargeback, today, manager…) is one
     * level more urgent, never less than the agent's or customer's own priority.
     */
    static String urgency(String priority, String sentiment, String text) {
        List<String> levels = TicketInsight.URGENCIES;
        int level = priority == null ? 1 : Math.max(0, levels.indexOf(priority.toLowerCase(Locale.ROOT)));
        if ("negative".equals(sentiment) && PRESSING.matcher(text.toLowerCase(Locale.ROOT)).find()) {
            level++;
        }
        return levels.get(Math.min(level, levels.size() - 1));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
