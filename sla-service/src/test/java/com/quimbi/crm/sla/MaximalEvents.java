package com.quimbi.crm.sla;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

import com.quimbi.crm.contracts.EventContracts;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Local stand-in for platform-test's {@code MaximalEvents} (switch to it once it is on main): the golden event of a
 * type with every free-text string of its data (no format, enum or pattern) stretched to the schema's
 * {@code maxLength}, and every array of such strings filled to {@code maxItems}, with a fresh event id.
 */
public final class MaximalEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MaximalEvents() {
    }

    public static String of(String type) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.golden(type, 1));
        event.put("id", UUID.randomUUID().toString());
        JsonNode schema = JSON.readTree(EventContracts.schemaText(type, 1));
        stretch((ObjectNode) event.get("data"), schema);
        return JSON.writeValueAsString(event);
    }

    private static void stretch(ObjectNode data, JsonNode schema) {
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            JsonNode spec = property.getValue();
            JsonNode value = data.get(name);
            if (freeText(spec) && (value == null || value.isString())) {
                data.put(name, text(name, spec.get("maxLength").asInt()));
            } else if ((value == null || value instanceof ArrayNode) && freeText(spec.path("items")) && spec.has("maxItems")) {
                ArrayNode array = data.putArray(name);
                int length = spec.path("items").get("maxLength").asInt();
                for (int i = 0; i < spec.get("maxItems").asInt(); i++) {
                    array.add(text(name + i, length));
                }
            } else if (value instanceof ObjectNode object && spec.has("properties")) {
                stretch(object, spec);
            }
        }
    }

    private static boolean freeText(JsonNode spec) {
        return spec.has("maxLength") && !spec.has("format") && !spec.has("enum") && !spec.has("pattern")
                && !spec.has("const");
    }

    /** Distinct per field (a prefix of the name), then filler up to the limit. */
    private static String text(String name, int length) {
        StringBuilder text = new StringBuilder(name.toLowerCase());
        while (text.length() < length) {
            text.append('x');
        }
        return text.substring(0, length);
    }
}
