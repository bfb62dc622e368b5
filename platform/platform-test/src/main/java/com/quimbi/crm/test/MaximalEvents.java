package com.quimbi.crm.test;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

import com.quimbi.crm.contracts.EventContracts;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Golden events at the edge of their contract: every free-text string stretched to its schema's
 * {@code maxLength} (optional ones added too) and every array of such strings filled to {@code maxItems}. A
 * consumer that parks one of these in its DLT cannot store a value its contract allows.
 * Strings with a format, pattern or enum keep their golden value: their length is not free.
 */
public final class MaximalEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MaximalEvents() {
    }

    /** The golden envelope of {@code type} v1, stretched, with a fresh event id so each call is a new event. */
    public static String of(String type) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.golden(type, 1));
        JsonNode schema = JSON.readTree(EventContracts.schemaText(type, 1));
        event.put("id", UUID.randomUUID().toString());
        event.set("data", stretch(event.get("data"), schema));
        EventContracts.assertValid(event.toString());
        return event.toString();
    }

    private static JsonNode stretch(JsonNode value, JsonNode schema) {
        if (value == null || value.isNull()) {
            return value;
        }
        if (value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.properties().iterator(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                JsonNode current = object.get(property.getKey());
                if (current != null) {
                    object.set(property.getKey(), stretch(current, property.getValue()));
                } else if (isFreeText(property.getValue())) {
                    object.put(property.getKey(), longest("", property.getValue(), 0));
                }
            }
            JsonNode additional = schema.path("additionalProperties");
            if (additional.isObject()) {
                for (String name : object.propertyNames()) {
                    if (!properties.has(name)) {
                        object.set(name, stretch(object.get(name), additional));
                    }
                }
            }
            return object;
        }
        if (value.isArray()) {
            ArrayNode array = (ArrayNode) value;
            JsonNode items = schema.path("items");
            for (int i = 0; i < array.size(); i++) {
                array.set(i, stretch(array.get(i), items));
            }
            if (schema.has("maxItems") && isFreeText(items)) {
                while (array.size() < schema.get("maxItems").asInt()) {
                    array.add(longest("", items, array.size()));
                }
            }
            return array;
        }
        if (value.isString() && isFreeText(schema)) {
            return JSON.getNodeFactory().stringNode(longest(value.asString(), schema, 0));
        }
        return value;
    }

    private static boolean isFreeText(JsonNode schema) {
        JsonNode type = schema.path("type");
        boolean string = type.isString() ? type.asString().equals("string")
                : type.isArray() && type.toString().contains("\"string\"");
        return string && schema.has("maxLength") && !schema.has("format") && !schema.has("pattern")
                && !schema.has("enum") && !schema.has("const");
    }

    /** {@code start}, made distinct by {@code n}, padded with letters to the maximum length. */
    private static String longest(String start, JsonNode schema, int n) {
        int max = schema.get("maxLength").asInt();
        StringBuilder text = new StringBuilder(n == 0 ? start : start + n + "-");
        String filler = "abcdefghijklmnopqrstuvwxyz";
        while (text.length() < max) {
            text.append(filler.charAt(text.length() % filler.length()));
        }
        return text.substring(0, max);
    }
}
