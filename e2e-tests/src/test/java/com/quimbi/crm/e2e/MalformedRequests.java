package com.quimbi.crm.e2e;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * Derives malformed requests from a service's OpenAPI document: for every operation, bad path and query values,
 * broken and hostile JSON bodies, wrong types, nulls, huge and empty strings, NUL and lone surrogates, unknown and
 * duplicate fields, deep nesting, wrong and missing content types, bad cursors and limits. Deterministic for a seed,
 * so a failure reproduces.
 */
final class MalformedRequests {

    /** One request to send: what it is, so a failure says which probe it was. */
    record Probe(String method, String path, String contentType, String body, String what) {
        @Override
        public String toString() {
            return method + " " + path + " [" + what + "]";
        }
    }

    static final List<String> BAD_PATH_VALUES = List.of("not-a-uuid", "%00", "%ED%A0%80", "%27%20OR%201%3D1--",
            "-1", "99999999999999999999999", "%C3%A4%E2%80%AE", "..%2F..%2Fetc%2Fpasswd", "x".repeat(2_000), "%FF%FE",
            "null", "%7B%7D");
    static final List<String> BAD_QUERY_VALUES = List.of("%00", "%ED%A0%80", "not-a-value", "-1",
            "99999999999999999999999", "1e309", "2026-13-45T99:99:99Z", "%27%3B%20DROP%20TABLE%20tickets--",
            "a%26b%7C%21c%3A*", "x".repeat(3_000), "", "%E2%80%8B", "true");
    /** Values that replace one property of an otherwise plausible JSON body (JSON text, escapes kept). */
    static final List<String> BAD_JSON_VALUES = List.of("null", "\"\"", "\"" + "x".repeat(100_000) + "\"",
            "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\"", "12345678901234567890123456789", "-1", "1.5e400", "true",
            "\"' OR 1=1 --\"", "\"a & b | !c :*\"", "[]", "{}", "\"not-a-uuid\"", "\"2026-02-30T25:61:00Z\"",
            "\"\\u202e\\u200b\"", "[1,2,3]");
    static final List<String> BAD_BODIES = List.of("{", "[]", "null", "\"text\"", "1", "{\"a\":", "{}}",
            "{\"a\":1,,}", "\u0000", "{\"x\":\"\\ud800\"}");
    static final List<String> BAD_CURSORS = List.of("garbage", "%00", "eyJub3QiOiJhIGN1cnNvciJ9", "x".repeat(3_000));
    static final List<String> BAD_LIMITS = List.of("-1", "0", "100000", "abc", "1.5");

    private final JsonNode document;
    private final Random random;

    MalformedRequests(JsonNode document, long seed) {
        this.document = document;
        this.random = new Random(seed);
    }

    /** At least {@code minimum} probes: every operation's systematic ones, then seeded random combinations. */
    List<Probe> probes(int minimum, java.util.function.Predicate<String> pathFilter) {
        List<Operation> operations = operations(pathFilter);
        List<Probe> probes = new ArrayList<>();
        for (Operation op : operations) {
            probes.addAll(systematic(op));
        }
        while (probes.size() < minimum && !operations.isEmpty()) {
            Operation op = operations.get(random.nextInt(operations.size()));
            probes.add(randomProbe(op));
        }
        return probes;
    }

    record Operation(String method, String path, List<JsonNode> parameters, JsonNode bodySchema) {
    }

    List<Operation> operations(java.util.function.Predicate<String> pathFilter) {
        List<Operation> operations = new ArrayList<>();
        JsonNode paths = document.path("paths");
        for (String path : paths.propertyNames()) {
            if (!pathFilter.test(path)) {
                continue;
            }
            JsonNode item = paths.path(path);
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode op = item.path(method);
                if (op.isMissingNode()) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>();
                item.path("parameters").forEach(parameters::add);
                op.path("parameters").forEach(p -> parameters.add(resolve(p)));
                JsonNode body = op.path("requestBody").path("content").path("application/json").path("schema");
                operations.add(new Operation(method.toUpperCase(), path, parameters,
                        body.isMissingNode() ? null : resolve(body)));
            }
        }
        return operations;
    }

    private List<Probe> systematic(Operation op) {
        List<Probe> probes = new ArrayList<>();
        List<JsonNode> pathParams = op.parameters().stream().filter(p -> "path".equals(p.path("in").asString())).toList();
        List<JsonNode> queryParams = op.parameters().stream().filter(p -> "query".equals(p.path("in").asString())).toList();
        String validBody = op.bodySchema() == null ? null : validJson(op.bodySchema(), 0);
        String contentType = op.bodySchema() == null ? null : "application/json";
        for (JsonNode param : pathParams) {
            for (String bad : BAD_PATH_VALUES) {
                probes.add(new Probe(op.method(), fill(op, param.path("name").asString(), bad, null), contentType,
                        validBody, "path " + param.path("name").asString() + "=" + abbreviate(bad)));
            }
        }
        for (JsonNode param : queryParams) {
            for (String bad : BAD_QUERY_VALUES) {
                probes.add(new Probe(op.method(), fill(op, null, null, null) + "?" + param.path("name").asString() + "=" + bad,
                        contentType, validBody, "query " + param.path("name").asString() + "=" + abbreviate(bad)));
            }
        }
        if (op.method().equals("GET")) {
            for (String cursor : BAD_CURSORS) {
                probes.add(new Probe("GET", fill(op, null, null, null) + "?cursor=" + cursor, null, null,
                        "cursor=" + abbreviate(cursor)));
            }
            for (String limit : BAD_LIMITS) {
                probes.add(new Probe("GET", fill(op, null, null, null) + "?limit=" + limit, null, null, "limit=" + limit));
            }
        }
        if (op.bodySchema() != null || List.of("POST", "PUT", "PATCH").contains(op.method())) {
            String path = fill(op, null, null, null);
            for (String body : BAD_BODIES) {
                probes.add(new Probe(op.method(), path, "application/json", body, "body " + abbreviate(body)));
            }
            String base = validBody == null ? "{}" : validBody;
            probes.add(new Probe(op.method(), path, "text/plain", base, "text/plain body"));
            probes.add(new Probe(op.method(), path, "multipart/form-data; boundary=x",
                    "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n", "multipart body"));
            probes.add(new Probe(op.method(), path, "application/xml", "<a/>", "xml body"));
            probes.add(new Probe(op.method(), path, null, base, "no content type"));
            probes.add(new Probe(op.method(), path, "application/json", "[".repeat(5_000) + "]".repeat(5_000), "nested 5000 deep"));
            probes.add(new Probe(op.method(), path, "application/json",
                    base.equals("{}") ? "{\"unknownField\":1}" : base.substring(0, base.length() - 1) + ",\"unknownField\":1}",
                    "unknown field"));
            if (op.bodySchema() != null) {
                for (String property : properties(op.bodySchema())) {
                    for (String bad : BAD_JSON_VALUES) {
                        probes.add(new Probe(op.method(), path, "application/json", withProperty(op.bodySchema(), property, bad),
                                "body " + property + "=" + abbreviate(bad)));
                    }
                    probes.add(new Probe(op.method(), path, "application/json",
                            "{\"" + property + "\":1,\"" + property + "\":2}", "duplicate " + property));
                }
            }
        }
        return probes;
    }

    private Probe randomProbe(Operation op) {
        String path = fill(op, null, null, null);
        String contentType = op.bodySchema() == null ? null : "application/json";
        String body = null;
        String what;
        List<String> query = new ArrayList<>();
        for (JsonNode param : op.parameters()) {
            if ("query".equals(param.path("in").asString()) && random.nextBoolean()) {
                query.add(param.path("name").asString() + "=" + pick(BAD_QUERY_VALUES));
            }
        }
        if (op.bodySchema() != null && !properties(op.bodySchema()).isEmpty()) {
            List<String> properties = properties(op.bodySchema());
            String property = properties.get(random.nextInt(properties.size()));
            String bad = pick(BAD_JSON_VALUES);
            body = withProperty(op.bodySchema(), property, bad);
            what = "random: " + String.join("&", query.stream().map(MalformedRequests::abbreviate).toList())
                    + " body " + property + "=" + abbreviate(bad);
        } else {
            if (query.isEmpty()) {
                query.add("limit=" + pick(BAD_LIMITS));
            }
            what = "random: " + String.join("&", query.stream().map(MalformedRequests::abbreviate).toList());
        }
        return new Probe(op.method(), path + (query.isEmpty() ? "" : "?" + String.join("&", query)), contentType, body, what);
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The path with every parameter given a plausible value, one of them (if named) the bad one. */
    private String fill(Operation op, String badName, String badValue, Object unused) {
        String path = op.path();
        for (JsonNode param : op.parameters()) {
            if (!"path".equals(param.path("in").asString())) {
                continue;
            }
            String name = param.path("name").asString();
            String value = name.equals(badName) ? badValue : plausiblePathValue(param.path("schema"));
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    private String plausiblePathValue(JsonNode schema) {
        JsonNode s = resolve(schema);
        return switch (s.path("type").asString("string")) {
            case "integer", "number" -> "1";
            default -> s.has("enum") ? s.path("enum").get(0).asString() : UUID.randomUUID().toString();
        };
    }

    List<String> properties(JsonNode schema) {
        List<String> names = new ArrayList<>();
        JsonNode s = resolve(schema);
        s.path("properties").propertyNames().forEach(names::add);
        return names;
    }

    private String withProperty(JsonNode schema, String property, String badJson) {
        Map<String, String> fields = validFields(resolve(schema), 0);
        fields.put(property, badJson);
        return object(fields);
    }

    String validJson(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        String type = s.path("type").asString(s.has("properties") ? "object" : "string");
        if (s.has("enum")) {
            return "\"" + s.path("enum").get(0).asString() + "\"";
        }
        return switch (type) {
            case "object" -> depth > 3 ? "{}" : object(validFields(s, depth));
            case "array" -> depth > 3 ? "[]" : "[" + validJson(s.path("items"), depth + 1) + "]";
            case "integer" -> "1";
            case "number" -> "1.5";
            case "boolean" -> "true";
            default -> switch (s.path("format").asString("")) {
                case "uuid" -> "\"" + UUID.randomUUID() + "\"";
                case "email" -> "\"probe@example.com\"";
                case "date-time" -> "\"2026-12-07T10:00:00Z\"";
                case "date" -> "\"2026-12-07\"";
                case "uri" -> "\"https://example.com/probe\"";
                default -> "\"probe\"";
            };
        };
    }

    private Map<String, String> validFields(JsonNode s, int depth) {
        Map<String, String> fields = new LinkedHashMap<>();
        Iterator<String> names = s.path("properties").propertyNames().iterator();
        while (names.hasNext()) {
            String name = names.next();
            fields.put(name, validJson(s.path("properties").path(name), depth + 1));
        }
        return fields;
    }

    private static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return json.append('}').toString();
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        for (int i = 0; i < 10 && n.has("$ref"); i++) {
            String ref = n.path("$ref").asString();
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            n = target;
        }
        if (n.has("allOf") && n.path("allOf").size() == 1) {
            return resolve(n.path("allOf").get(0));
        }
        return n;
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 20) + "…(" + s.length() + " chars)" : s;
    }
}
