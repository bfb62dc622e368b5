package com.quimbi.crm.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The contract is the limit on both sides: every free-text string states its {@code maxLength}, so a producer
 * can enforce it and every consumer can size its columns for it (uuids, instants and enums are bounded by
 * their format).
 */
class SchemaBoundsTest {

    static final List<String> SCHEMAS = new ArrayList<>(EventContracts.EVENT_TYPES);
    static {
        SCHEMAS.add("envelope");
    }

    @ParameterizedTest
    @FieldSource("SCHEMAS")
    void everyStringHasAMaxLength(String name) throws Exception {
        List<String> unbounded = new ArrayList<>();
        walk("", new ObjectMapper().readTree(EventContracts.schemaText(name, 1)), unbounded);
        assertThat(unbounded).as("strings without maxLength in %s", name).isEmpty();
    }

    static void walk(String path, JsonNode schema, List<String> unbounded) {
        boolean string = schema.path("type").asText().equals("string")
                || schema.path("type").isArray() && schema.path("type").toString().contains("\"string\"");
        String format = schema.path("format").asText();
        if (string && !schema.has("enum") && !schema.has("maxLength") && !format.equals("uuid")
                && !format.equals("date-time") && !format.equals("date")) {
            unbounded.add(path);
        }
        schema.path("properties").properties().forEach(e -> walk(path + "." + e.getKey(), e.getValue(), unbounded));
        if (schema.has("items")) {
            walk(path + "[]", schema.path("items"), unbounded);
        }
        if (schema.path("additionalProperties").isObject()) {
            walk(path + "{}", schema.path("additionalProperties"), unbounded);
        }
    }
}
