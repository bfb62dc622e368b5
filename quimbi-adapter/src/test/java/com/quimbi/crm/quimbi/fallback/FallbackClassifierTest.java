package com.quimbi.crm.quimbi.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.quimbi.insight.Source;
import com.quimbi.crm.quimbi.insight.TicketInsight;

class FallbackClassifierTest {

    static final FallbackClassifier CLASSIFIER = new FallbackClassifier();

    @Test
    void theShippedTrainingSetHasAFewHundredExamplesPerCategory() {
        Map<String, Integer> perCategory = new TreeMap<>();
        TrainingSet.load().rows().forEach(r -> perCategory.merge(r.category(), 1, Integer::sum));

        assertThat(perCategory.keySet()).containsExactlyElementsOf(TicketInsight.CATEGORIES);
        assertThat(perCategory.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(200));
    }

    @Test
    void heldOutExamplesAreClassifiedAccurately() {
        List<TrainingSet.Row> rows = TrainingSet.load().rows();
        List<TrainingSet.Row> train = new ArrayList<>();
        List<TrainingSet.Row> test = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (i % 5 == 0 ? test : train).add(rows.get(i));
        }
        FallbackClassifier model = new FallbackClassifier(new TrainingSet(train));

        long categoryHits = test.stream().filter(r -> model.classify(r.text(), "", "normal").category()
                .equals(r.category())).count();
        long sentimentHits = test.stream().filter(r -> model.classify(r.text(), "", "normal").sentiment()
                .equals(r.sentiment())).count();

        assertThat((double) categoryHits / test.size()).as("category accuracy").isGreaterThan(0.9);
        assertThat((double) sentimentHits / test.size()).as("sentiment accuracy").isGreaterThan(0.85);
    }

    @Test
    void realTicketsWrittenDifferentlyFromTheTrainingSetGetSensibleLabels() {
        assertThat(CLASSIFIER.classify("Order #5521 arrived damaged", "The box was crushed and the mug is broken.",
                "high").category()).isEqualTo("product");
        assertThat(CLASSIFIER.classify("Still waiting", "My parcel has not been delivered and tracking shows nothing",
                "normal").category()).isEqualTo("shipping");
        assertThat(CLASSIFIER.classify("Double charge", "You charged my card twice, please refund one payment",
                "normal").category()).isEqualTo("billing");
        assertThat(CLASSIFIER.classify("Forgot password", "The reset email never came and I can't log in", "low")
                .category()).isEqualTo("account");
        assertThat(CLASSIFIER.classify("Send it back", "How do I return these shoes? They don't fit.", "normal")
                .category()).isEqualTo("returns");
        assertThat(CLASSIFIER.classify("Checkout broken", "Error 500 when I click pay on the website", "normal")
                .category()).isEqualTo("technical");
    }

    @Test
    void sentimentFollowsTheCustomersTone() {
        TicketInsight angry = CLASSIFIER.classify("Refund not received", "This is unacceptable, I'm extremely annoyed. "
                + "I expect a refund immediately.", "normal");
        TicketInsight happy = CLASSIFIER.classify("Thank you!", "I love your products, thanks so much!", "low");

        assertThat(angry.sentiment()).isEqualTo("negative");
        assertThat(angry.sentimentScore()).isNegative();
        assertThat(happy.sentiment()).isEqualTo("positive");
        assertThat(happy.sentimentScore()).isPositive();
    }

    @Test
    void theAnswerIsDeterministicAndMarkedFallback() {
        TicketInsight a = CLASSIFIER.classify("Where is my order?", "Nothing arrived yet.", "normal");
        TicketInsight b = new FallbackClassifier().classify("Where is my order?", "Nothing arrived yet.", "normal");

        assertThat(a).isEqualTo(b);
        assertThat(a.source()).isEqualTo(Source.FALLBACK);
        assertThat(a.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void urgencyStartsFromPriorityAndRisesForAngryPressingTickets() {
        assertThat(FallbackClassifier.urgency("normal", "neutral", "where is my parcel")).isEqualTo("normal");
        assertThat(FallbackClassifier.urgency("normal", "negative", "fix it today or I file a chargeback"))
                .isEqualTo("high");
        assertThat(FallbackClassifier.urgency("urgent", "negative", "escalate to a manager")).isEqualTo("urgent");
        assertThat(FallbackClassifier.urgency(null, "positive", "thanks")).isEqualTo("normal");
        assertThat(FallbackClassifier.urgency("low", "negative", "bad")).isEqualTo("low");
    }

    @Test
    void csvFieldsHandleQuotesAndCommas() {
        assertThat(TrainingSet.csvFields("a,\"b, \"\"c\"\"\",d")).containsExactly("a", "b, \"c\"", "d");
    }
}
