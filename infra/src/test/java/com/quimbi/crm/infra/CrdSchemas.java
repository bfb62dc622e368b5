package com.quimbi.crm.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.yaml.snakeyaml.Yaml;

/**
 * The custom resources that have no Java model on Maven Central (CloudNativePG's, its Barman Cloud plugin's),
 * checked against the CRDs vendored in {@code src/test/resources/crds} (README there: tags and paths). The
 * API server prunes or refuses fields a structural schema does not list, while JSON Schema allows them unless
 * told otherwise: so every object schema that lists {@code properties} is closed
 * ({@code additionalProperties: false}) unless it says {@code x-kubernetes-preserve-unknown-fields}. The
 * OpenAPI v3 schemas are draft-04 JSON Schema plus Kubernetes extensions, which are translated or dropped.
 */
final class CrdSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().build();
    /** apiVersion/kind ({@code postgresql.cnpg.io/v1/Cluster}) to the closed schema of that version. */
    static final Map<String, JsonSchema> SCHEMAS = load();

    private CrdSchemas() {
    }

    static boolean knows(String apiVersionKind) {
        return SCHEMAS.containsKey(apiVersionKind);
    }

    /** Every way the object breaks its CRD's schema, as "path: problem" (empty when it keeps it). */
    static List<String> problems(JsonNode object) {
        String id = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        JsonSchema schema = SCHEMAS.get(id);
        if (schema == null) {
            return List.of("no CRD for " + id + " in src/test/resources/crds");
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(object)) {
            problems.add(message.getMessage());
        }
        return problems.stream().sorted().toList();
    }

    private static Map<String, JsonSchema> load() {
        Map<String, JsonSchema> schemas = new TreeMap<>();
        Path dir;
        try {
            dir = Path.of(CrdSchemas.class.getResource("/crds").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode crd = StrictModels.MAPPER.valueToTree(new Yaml().load(Files.readString(file)));
                String group = crd.at("/spec/group").asText();
                String kind = crd.at("/spec/names/kind").asText();
                for (JsonNode version : crd.at("/spec/versions")) {
                    if (!version.path("served").asBoolean()) {
                        continue;
                    }
                    JsonNode schema = closed(version.at("/schema/openAPIV3Schema"), true);
                    schemas.put(group + "/" + version.path("name").asText() + "/" + kind, FACTORY.getSchema(schema, CONFIG));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (schemas.isEmpty()) {
            throw new IllegalStateException("no CRD in " + dir);
        }
        return schemas;
    }

    /**
     * The OpenAPI v3 schema as draft-04 JSON Schema, closed. {@code closable} is false inside
     * {@code anyOf}/{@code allOf}/{@code oneOf}/{@code not}: there a schema only adds constraints to the fields
     * its parent lists, and closing it would refuse the parent's other fields.
     */
    static JsonNode closed(JsonNode openApi, boolean closable) {
        ObjectNode schema = openApi.deepCopy();
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (schema.path("nullable").asBoolean(false) && schema.has("type")) {
            ArrayNode types = schema.arrayNode().add(schema.get("type")).add("null");
            schema.set("type", types);
        }
        // Kubernetes' extensions, and OpenAPI formats JSON Schema does not define (int32, int64): the API server's
        List<String> drop = new ArrayList<>();
        schema.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("x-kubernetes-") || name.equals("nullable")) {
                drop.add(name);
            }
        });
        schema.remove(drop);
        if (schema.has("format") && !schema.path("format").asText().equals("date-time")) {
            schema.remove("format");
        }
        if (schema.has("properties")) {
            ObjectNode properties = (ObjectNode) schema.get("properties");
            List<String> names = new ArrayList<>();
            properties.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> properties.set(name, closed(properties.get(name), closable)));
            if (closable && !preserveUnknown && !schema.has("additionalProperties")) {
                schema.put("additionalProperties", false);
            }
        }
        if (schema.path("items").isObject()) {
            schema.set("items", closed(schema.get("items"), closable));
        }
        if (schema.path("additionalProperties").isObject()) {
            schema.set("additionalProperties", closed(schema.get("additionalProperties"), closable));
        }
        for (String composition : List.of("anyOf", "allOf", "oneOf")) {
            if (schema.path(composition).isArray()) {
                ArrayNode branches = schema.arrayNode();
                schema.get(composition).forEach(branch -> branches.add(closed(branch, false)));
                schema.set(composition, branches);
            }
        }
        if (schema.path("not").isObject()) {
            schema.set("not", closed(schema.get("not"), false));
        }
        return schema;
    }
}
