package com.quimbi.crm.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each record and its JSON Schema say the same thing: same properties, compatible types, required ones present. */
class ContractRecordsTest {

    static final List<String> TYPES = EventContracts.EVENT_TYPES;

    static final JsonMapper JSON = JsonMapper.builder().addModule(WireFormat.module()).build();

    @Test
    void everySchemaHasItsRecordAndEveryRecordItsSchema() {
        assertThat(EventCatalog.ALL).extracting(EventType::type).containsExactlyInAnyOrderElementsOf(TYPES);
        assertThat(EventCatalog.ALL).allSatisfy(type -> assertThat(type.version()).isEqualTo(1));
    }

    @ParameterizedTest
    @FieldSource("TYPES")
    void theRecordDeclaresTheGoldenExamplesTopicAndAggregate(String type) {
        EventType<?> event = EventCatalog.byType(type, 1).orElseThrow();
        JsonNode golden = JSON.readTree(EventContracts.golden(type, 1));
        assertThat(event.aggregate()).isEqualTo(golden.path("aggregateType").asString());
        assertThat(event.topic()).isEqualTo("crm." + event.aggregate() + ".events").isIn(Topics.ALL);
        assertThat(EventCatalog.of(event.data())).isSameAs(event);
    }

    @ParameterizedTest
    @FieldSource("TYPES")
    void everyPropertyHasAComponentOfACompatibleTypeAndViceVersa(String type) {
        EventType<?> event = EventCatalog.byType(type, 1).orElseThrow();
        JsonNode schema = JSON.readTree(EventContracts.schemaText(type, 1));
        List<String> mismatches = new ArrayList<>();
        compare(type, schema, event.data(), mismatches);
        assertThat(mismatches).isEmpty();
    }

    /** Golden example -> record -> JSON: nothing lost, nothing changed, still valid. */
    @ParameterizedTest
    @FieldSource("TYPES")
    void everyGoldenExampleRoundTripsThroughItsRecord(String type) {
        EventType<?> event = EventCatalog.byType(type, 1).orElseThrow();
        JsonNode data = JSON.readTree(EventContracts.golden(type, 1)).path("data");

        Object record = JSON.treeToValue(data, event.data());
        String written = JSON.writeValueAsString(record);

        assertThat(EventContracts.dataViolations(type, 1, written)).isEmpty();
        assertThat(instantsNormalised(JSON.readTree(written))).isEqualTo(instantsNormalised(data));
    }

    @Test
    void dataThatBreaksItsSchemaIsReported() {
        String data = JSON.readTree(EventContracts.golden("ticket.created", 1)).path("data").toString()
                .replace("\"high\"", "\"whenever\"");
        assertThat(EventContracts.dataViolations("ticket.created", 1, data)).anySatisfy(v -> assertThat(v).contains("priority"));
        assertThat(EventContracts.dataViolations("ticket.exploded", 1, "{}")).isNotEmpty();
    }

    static void compare(String path, JsonNode schema, Class<?> type, List<String> mismatches) {
        if (!type.isRecord()) {
            mismatches.add(path + ": " + type.getSimpleName() + " is not a record for an object with properties");
            return;
        }
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            if (renamed == null) {
                renamed = component.getAnnotation(JsonProperty.class);
            }
            components.put(renamed == null ? component.getName() : renamed.value(), component);
        }
        Set<String> properties = new HashSet<>();
        schema.path("properties").properties().forEach(entry -> {
            String name = entry.getKey();
            properties.add(name);
            RecordComponent component = components.get(name);
            if (component == null) {
                mismatches.add(path + "." + name + ": no record component");
                return;
            }
            boolean required = strings(schema.path("required")).contains(name);
            boolean nullable = types(entry.getValue()).contains("null");
            if (component.getType().isPrimitive() && (!required || nullable)) {
                mismatches.add(path + "." + name + ": optional or nullable, but " + component.getType() + " cannot be absent");
            }
            compatible(path + "." + name, entry.getValue(), component.getGenericType(), mismatches);
        });
        components.keySet().stream().filter(name -> !properties.contains(name))
                .forEach(name -> mismatches.add(path + "." + name + ": component not in the schema"));
    }

    static void compatible(String path, JsonNode property, Type javaType, List<String> mismatches) {
        Class<?> raw = raw(javaType);
        Set<String> types = types(property);
        types.remove("null");
        if (property.has("enum")) {
            if (!raw.isEnum()) {
                mismatches.add(path + ": enum in the schema, " + raw.getSimpleName() + " in the record");
                return;
            }
            List<String> wire = new ArrayList<>();
            for (Object constant : raw.getEnumConstants()) {
                wire.add(JSON.writeValueAsString(constant).replace("\"", ""));
            }
            if (!Set.copyOf(wire).equals(strings(property.path("enum")))) {
                mismatches.add(path + ": enum " + wire + " vs schema " + property.path("enum"));
            }
            return;
        }
        if (types.isEmpty()) {
            return; // any JSON value: Object takes it
        }
        String expected = types.iterator().next();
        String format = property.path("format").asString("");
        boolean ok = switch (expected) {
            case "string" -> switch (format) {
                case "uuid" -> raw == UUID.class;
                case "date-time" -> raw == Instant.class;
                case "date" -> raw == LocalDate.class;
                default -> raw == String.class;
            };
            case "integer" -> raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class;
            case "number" -> raw == double.class || raw == Double.class || raw == java.math.BigDecimal.class;
            case "boolean" -> raw == boolean.class || raw == Boolean.class;
            case "array" -> {
                if (raw != List.class) {
                    yield false;
                }
                compatible(path + "[]", property.path("items"), argument(javaType, 0), mismatches);
                yield true;
            }
            case "object" -> {
                if (property.has("properties")) {
                    compare(path, property, raw, mismatches);
                    yield true;
                }
                if (raw != Map.class) {
                    yield false;
                }
                JsonNode keys = property.path("propertyNames");
                if (!keys.isMissingNode()) {
                    compatible(path + "{key}", keys, argument(javaType, 0), mismatches);
                } else if (raw(argument(javaType, 0)) != String.class) {
                    mismatches.add(path + ": map keys must be strings");
                }
                compatible(path + "{}", property.path("additionalProperties"), argument(javaType, 1), mismatches);
                yield true;
            }
            default -> false;
        };
        if (!ok) {
            mismatches.add(path + ": schema " + expected + (format.isEmpty() ? "" : " (" + format + ")") + ", record "
                    + javaType.getTypeName());
        }
    }

    /** {@code 10:00:00.000Z} and {@code 10:00:00Z} are the same instant: compare instants, not their spelling. */
    private static JsonNode instantsNormalised(JsonNode node) {
        if (node.isString()) {
            try {
                return JSON.getNodeFactory().stringNode(Instant.parse(node.asString()).toString());
            } catch (java.time.format.DateTimeParseException notAnInstant) {
                return node;
            }
        }
        if (node.isObject()) {
            var copy = JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), instantsNormalised(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(e -> copy.add(instantsNormalised(e)));
            return copy;
        }
        return node;
    }

    private static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }

    private static Set<String> types(JsonNode property) {
        Set<String> types = new HashSet<>();
        JsonNode type = property.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else if (!type.isMissingNode()) {
            types.add(type.asString());
        }
        return types;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }
}
