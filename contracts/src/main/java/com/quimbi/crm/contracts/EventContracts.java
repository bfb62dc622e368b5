package com.quimbi.crm.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * The event contracts as code: validates an event (envelope + data) against the JSON Schemas in
 * {@code contracts/schemas/}. Producers' tests call it on what they write to the outbox; consumers' tests
 * feed themselves the golden examples.
 */
public final class EventContracts {

    /** Every event type with a v1 schema in contracts/schemas (the files are the list: add one, it is checked). */
    public static final List<String> EVENT_TYPES = discoverEventTypes();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {
    }

    /** Every way the event breaks its contract; empty when it is valid. */
    public static List<String> violations(String eventJson) {
        JsonNode event;
        try {
            event = JSON.readTree(eventJson);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        schema("envelope", 1).validate(event).forEach(m -> problems.add("envelope: " + m.getMessage()));
        String type = event.path("type").asText();
        int version = event.path("schemaVersion").asInt(1);
        if (!EVENT_TYPES.contains(type)) {
            problems.add("unknown event type '" + type + "'");
            return problems;
        }
        schema(type, version).validate(event.path("data")).forEach(m -> problems.add("data: " + m.getMessage()));
        return problems;
    }

    /**
     * Every way an event's {@code data} (JSON text) breaks the schema of its type and version; empty when it
     * keeps it. This is the check consumers run once at the boundary (platform-messaging).
     */
    public static List<String> dataViolations(String type, int version, String dataJson) {
        if (!EVENT_TYPES.contains(type) || EventCatalog.byType(type, version).isEmpty()) {
            return List.of("unknown event type '" + type + "' v" + version);
        }
        JsonNode data;
        try {
            data = JSON.readTree(dataJson);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        schema(type, version).validate(data).forEach(m -> problems.add(m.getMessage()));
        return problems;
    }

    public static void assertValid(String eventJson) {
        List<String> problems = violations(eventJson);
        if (!problems.isEmpty()) {
            throw new AssertionError("event breaks its contract: " + problems + "\n" + eventJson);
        }
    }

    /** The golden example of an event type, as JSON text. */
    public static String golden(String type, int version) {
        return read("contracts/golden/" + type + ".v" + version + ".json");
    }

    public static String schemaText(String name, int version) {
        return read("contracts/schemas/" + name + ".v" + version + ".json");
    }

    private static JsonSchema schema(String name, int version) {
        return SCHEMAS.computeIfAbsent(name + ".v" + version,
                key -> FACTORY.getSchema(schemaText(name, version), CONFIG));
    }

    private static List<String> discoverEventTypes() {
        List<String> names = new ArrayList<>();
        try {
            java.net.URI location = EventContracts.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            java.nio.file.Path path = java.nio.file.Path.of(location);
            if (java.nio.file.Files.isDirectory(path)) {
                try (var files = java.nio.file.Files.list(path.resolve("contracts/schemas"))) {
                    files.forEach(f -> names.add(f.getFileName().toString()));
                }
            } else {
                try (var jar = new java.util.jar.JarFile(path.toFile())) {
                    jar.stream().map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.startsWith("contracts/schemas/") && n.endsWith(".json"))
                            .forEach(n -> names.add(n.substring("contracts/schemas/".length())));
                }
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list the event schemas", e);
        }
        return names.stream()
                .filter(n -> n.endsWith(".v1.json") && !n.startsWith("envelope."))
                .map(n -> n.substring(0, n.length() - ".v1.json".length()))
                .sorted().toList();
    }

    private static String read(String path) {
        try (InputStream in = EventContracts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract resource " + path);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
