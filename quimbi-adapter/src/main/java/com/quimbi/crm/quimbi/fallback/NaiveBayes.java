package com.quimbi.crm.quimbi.fallback;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Multinomial naive Bayes over word unigrams and bigrams, Laplace-smoothed, in log space. Small, fast
 * (training on 2,100 examples takes milliseconds) and deterministic: the same text always gets the same
 * label and confidence. Labels are kept sorted so ties break the same way on every run.
 */
final class NaiveBayes {

    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "and", "or", "to", "of", "in", "on",
            "for", "is", "it", "my", "i", "me", "we", "you", "your", "this", "that", "be", "was", "with", "at",
            "as", "so", "but", "have", "has", "had", "do", "can", "are", "am", "from", "there", "hi", "hello");

    private final Map<String, Double> logPriors = new TreeMap<>();
    private final Map<String, Map<String, Double>> logLikelihoods = new TreeMap<>();
    private final Map<String, Double> logUnknown = new TreeMap<>();

    record Example(String label, String text) {
    }

    record Prediction(String label, double confidence, Map<String, Double> probabilities) {
    }

    static NaiveBayes train(List<Example> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        NaiveBayes model = new NaiveBayes();
        Map<String, Integer> docs = new TreeMap<>();
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        Map<String, Integer> totals = new TreeMap<>();
        Set<String> vocabulary = new TreeSet<>();
        for (Example example : examples) {
            docs.merge(example.label(), 1, Integer::sum);
            Map<String, Integer> labelCounts = counts.computeIfAbsent(example.label(), l -> new HashMap<>());
            for (String token : tokens(example.text())) {
                labelCounts.merge(token, 1, Integer::sum);
                totals.merge(example.label(), 1, Integer::sum);
                vocabulary.add(token);
            }
        }
        int v = vocabulary.size();
        for (String label : docs.keySet()) {
            model.logPriors.put(label, Math.log((double) docs.get(label) / examples.size()));
            double denominator = totals.getOrDefault(label, 0) + v + 1.0;
            Map<String, Double> likelihoods = new HashMap<>();
            counts.get(label).forEach((token, n) -> likelihoods.put(token, Math.log((n + 1.0) / denominator)));
            model.logLikelihoods.put(label, likelihoods);
            model.logUnknown.put(label, Math.log(1.0 / denominator));
        }
        return model;
    }

    Prediction predict(String text) {
        List<String> tokens = tokens(text);
        Map<String, Double> scores = new TreeMap<>();
        for (String label : logPriors.keySet()) {
            Map<String, Double> likelihoods = logLikelihoods.get(label);
            double unknown = logUnknown.get(label);
            double score = logPriors.get(label);
            for (String token : tokens) {
                score += likelihoods.getOrDefault(token, unknown);
            }
            scores.put(label, score);
        }
        // softmax of the log scores: posterior probabilities, so the confidence means something
        double max = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double sum = scores.values().stream().mapToDouble(s -> Math.exp(s - max)).sum();
        Map<String, Double> probabilities = new TreeMap<>();
        String best = null;
        double bestP = -1;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            double p = Math.exp(e.getValue() - max) / sum;
            probabilities.put(e.getKey(), p);
            if (p > bestP) {
                best = e.getKey();
                bestP = p;
            }
        }
        return new Prediction(best, bestP, probabilities);
    }

    Set<String> labels() {
        return logPriors.keySet();
    }

    static List<String> tokens(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9']+")) {
            String w = word.replace("'", "");
            if (w.length() > 1 && !STOP_WORDS.contains(w) && !w.chars().allMatch(Character::isDigit)) {
                words.add(w);
            }
        }
        List<String> tokens = new ArrayList<>(words);
        for (int i = 1; i < words.size(); i++) {
            tokens.add(words.get(i - 1) + "_" + words.get(i));
        }
        return tokens;
    }
}
