package com.quimbi.crm.quimbi.fallback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;

/**
 * The language a customer wrote in, from the n-gram profiles of the optimaize detector, when Quimbi can't
 * say. Only the languages the support team serves are candidates (fewer profiles, fewer near-misses such as
 * Catalan for Spanish), and short or mixed texts give no answer rather than a wrong one.
 */
@Component
public class LanguageGuess {

    /** Below this the detector is mostly guessing (a "Thanks!" is every language). */
    private static final int MIN_LETTERS = 20;

    private final LanguageDetector detector;
    private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingOnLargeText();

    public LanguageGuess(@Value("${crm.quimbi.fallback.languages:en,es,fr,de,it,pt,nl}") List<String> languages) {
        try {
            List<String> codes = languages.stream().map(l -> l.trim().toLowerCase(Locale.ROOT)).toList();
            this.detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(new LanguageProfileReader().read(codes))
                    .minimalConfidence(0.9)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the language profiles", e);
        }
    }

    /** @return an ISO 639-1 code, or empty when the text is too short or not clearly one language */
    public Optional<String> of(String subject, String body) {
        String text = (subject == null ? "" : subject) + ". " + (body == null ? "" : body);
        if (text.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
            return Optional.empty();
        }
        com.google.common.base.Optional<LdLocale> found = detector.detect(texts.forText(text));
        return found.isPresent() ? Optional.of(found.get().getLanguage()) : Optional.empty();
    }
}
