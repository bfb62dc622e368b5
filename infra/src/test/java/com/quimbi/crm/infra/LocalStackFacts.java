package com.quimbi.crm.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the local stack says, read from the sources the local stack itself runs on (this module depends on no
 * other module, so they are parsed, not called): devstack's Services (names, ports, databases), the contracts'
 * Topics, the Debezium connector files, and the environment variables each service reads (the
 * {@code ${NAME...}} placeholders of its own and the platform's configuration files).
 */
final class LocalStackFacts {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Service(String name, int port, String database) {
        boolean hasDatabase() {
            return database != null;
        }
    }

    private LocalStackFacts() {
    }

    /** devstack's {@code Services.ALL}: {@code new Service("ticket-service", 8081, "ticket")}. */
    static List<Service> services() {
        String source = read(ROOT.resolve("devstack/src/main/java/com/quimbi/crm/devstack/Services.java"));
        Matcher m = Pattern.compile("new Service\\(\"([a-z-]+)\",\\s*(\\d+),\\s*(null|\"([a-z]+)\")\\)").matcher(source);
        List<Service> services = new ArrayList<>();
        while (m.find()) {
            services.add(new Service(m.group(1), Integer.parseInt(m.group(2)), m.group(4)));
        }
        if (services.size() < 9) {
            throw new IllegalStateException("devstack's Services.ALL changed shape: found only " + services);
        }
        return services;
    }

    static Service service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The contracts' {@code Topics.CREATED}: every topic of {@code Topics.ALL}, each followed by its {@code .dlt},
     * then {@code OUTBOX_HEARTBEATS} (the rule its javadoc states; {@code dlt(t)} is {@code t + ".dlt"}).
     */
    static Set<String> createdTopics() {
        String source = read(ROOT.resolve("contracts/src/main/java/com/quimbi/crm/contracts/Topics.java"));
        Map<String, String> constants = new LinkedHashMap<>();
        Matcher c = Pattern.compile("public static final String (\\w+) = \"([^\"]+)\";").matcher(source);
        while (c.find()) {
            constants.put(c.group(1), c.group(2));
        }
        Matcher all = Pattern.compile("List<String> ALL = List\\.of\\(([^)]*)\\)").matcher(source);
        if (!all.find() || !source.contains("topic + \".dlt\"") || !constants.containsKey("OUTBOX_HEARTBEATS")) {
            throw new IllegalStateException("contracts' Topics changed shape; update LocalStackFacts.createdTopics");
        }
        Set<String> topics = new TreeSet<>();
        for (String constant : all.group(1).split(",")) {
            String topic = constants.get(constant.strip());
            topics.add(topic);
            topics.add(topic + ".dlt");
        }
        topics.add(constants.get("OUTBOX_HEARTBEATS"));
        return topics;
    }

    /** infra/debezium/*.json, by file name without .json (= the service publishing through it). */
    static Map<String, JsonNode> connectors() {
        Map<String, JsonNode> connectors = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("infra/debezium"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                connectors.put(file.getFileName().toString().replace(".json", ""), JSON.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return connectors;
    }

    /** The {@code ${env:NAME}} references of a connector's config. */
    static Set<String> envReferences(JsonNode connector) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}").matcher(connector.get("config").toString());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Placeholder name to its default (null when it has none, i.e. the variable is required). */
    static Map<String, String> placeholders(String service) {
        Map<String, String> found = new LinkedHashMap<>();
        List<Path> roots = new ArrayList<>(List.of(ROOT.resolve(service).resolve("src/main/resources")));
        try (Stream<Path> platform = Files.list(ROOT.resolve("platform"))) {
            platform.map(p -> p.resolve("src/main/resources")).filter(Files::isDirectory).forEach(roots::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:)?");
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(p -> p.toString().matches(".*\\.(yml|yaml|properties)$")).toList()) {
                    Matcher m = placeholder.matcher(read(file));
                    while (m.find()) {
                        // a variable counts as optional as soon as one place gives it a default
                        if (m.group(2) != null) {
                            found.put(m.group(1), "");
                        } else {
                            found.putIfAbsent(m.group(1), null);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** Whether {@code name} is a variable {@code service} reads: a placeholder, or a relaxed-bound Spring property. */
    static boolean reads(String service, String name) {
        return placeholders(service).containsKey(name) || name.startsWith("SERVER_") || name.startsWith("SPRING_")
                || name.startsWith("MANAGEMENT_") || name.startsWith("LOGGING_") || name.startsWith("BPL_")
                || name.equals("JAVA_TOOL_OPTIONS");
    }

    /**
     * Who calls {@code service} over HTTP: the services whose configuration reads its URL variable
     * ({@code CRM_TICKET_SERVICE_URL} for ticket-service).
     */
    static Set<String> callers(String service) {
        String variable = "CRM_" + service.toUpperCase().replace('-', '_') + "_URL";
        Set<String> callers = new TreeSet<>();
        for (Service s : services()) {
            if (!s.name().equals(service) && placeholders(s.name()).containsKey(variable)) {
                callers.add(s.name());
            }
        }
        return callers;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
