package com.quimbi.crm.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Inside a schema version, changes are additive only: compared with the released baseline (in
 * src/test/resources/baseline), no property disappears or changes type, no enum value is dropped, nothing new
 * becomes required and no bound tightens (a lower {@code maxLength}/{@code maxItems}/{@code maximum}, a higher
 * {@code minLength}/{@code minItems}/{@code minimum}, a new or changed {@code pattern}): an event valid
 * yesterday stays valid. A breaking change is a new version beside the old one. Every schema has a baseline.
 *
 * <p>The bounds ({@code maxLength} on every string, ranges on numbers) were added to released v1 schemas in one
 * change together with their baselines: each bound is what the producer's API and columns already enforced
 * (request validation, {@code varchar} sizes), so no event ever published breaks them; see docs/events.md.
 */
class SchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every released schema (one with a baseline copy); a new event type gets its baseline when it ships. */
    static List<String> released() throws IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/test/resources/baseline"))) {
            return files.map(f -> f.getFileName().toString().replace(".v1.json", "")).sorted().toList();
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("released")
    void v1StaysAdditive(String name) throws IOException {
        JsonNode baseline = baseline(name + ".v1.json");
        JsonNode current = JSON.readTree(EventContracts.schemaText(name, 1));
        List<String> breaks = new ArrayList<>();
        compare("", baseline, current, breaks);
        assertThat(breaks).as("breaking changes in %s v1", name).isEmpty();
    }

    /** A schema without a baseline is unguarded: any change to it would pass. */
    @Test
    void everySchemaHasABaseline() throws IOException {
        List<String> schemas = new ArrayList<>(EventContracts.EVENT_TYPES);
        schemas.add("envelope");
        assertThat(released()).containsAll(schemas);
    }

    static void compare(String path, JsonNode before, JsonNode after, List<String> breaks) {
        for (String upper : List.of("maxLength", "maxItems", "maximum", "exclusiveMaximum")) {
            if (after.has(upper) && (!before.has(upper) || after.path(upper).asDouble() < before.path(upper).asDouble())) {
                breaks.add(path + ": " + upper + " tightened from " + before.path(upper) + " to " + after.path(upper));
            }
        }
        for (String lower : List.of("minLength", "minItems", "minimum", "exclusiveMinimum")) {
            if (after.has(lower) && (!before.has(lower) || after.path(lower).asDouble() > before.path(lower).asDouble())) {
                breaks.add(path + ": " + lower + " tightened from " + before.path(lower) + " to " + after.path(lower));
            }
        }
        if (after.has("pattern") && !after.path("pattern").equals(before.path("pattern"))) {
            breaks.add(path + ": pattern changed from " + before.path("pattern") + " to " + after.path("pattern"));
        }
        if (before.has("items")) {
            compare(path + "[]", before.path("items"), after.path("items"), breaks);
        }
        if (before.has("type") && !before.path("type").equals(after.path("type"))) {
            breaks.add(path + ": type changed from " + before.path("type") + " to " + after.path("type"));
        }
        Set<String> requiredBefore = strings(before.path("required"));
        for (String required : strings(after.path("required"))) {
            if (!requiredBefore.contains(required)) {
                breaks.add(path + "." + required + ": newly required");
            }
        }
        Set<String> enumAfter = strings(after.path("enum"));
        for (String value : strings(before.path("enum"))) {
            if (!enumAfter.contains(value)) {
                breaks.add(path + ": enum value '" + value + "' removed");
            }
        }
        before.path("properties").properties().forEach(entry -> {
            JsonNode next = after.path("properties").path(entry.getKey());
            if (next.isMissingNode()) {
                breaks.add(path + "." + entry.getKey() + ": removed");
            } else {
                compare(path + "." + entry.getKey(), entry.getValue(), next, breaks);
            }
        });
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static JsonNode baseline(String file) throws IOException {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/baseline/" + file)) {
            return JSON.readTree(in);
        }
    }
}
