package com.quimbi.crm.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.quimbi.crm.infra.LocalStackFacts.Service;

/**
 * docker-compose.yml is the local stack on Docker: the same services, images, ports inside the network and
 * variables; the same topics and connectors; and closed: only the gateway published on every interface, Redis
 * with a password, every secret from the environment (none committed).
 */
class ComposeFileTest {

    static String text;
    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() {
        text = LocalStackFacts.read(LocalStackFacts.ROOT.resolve("docker-compose.yml"));
        compose = new Yaml().load(text);
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void theTopLevelKeysAndEveryServiceUseOnlyComposeSpecificationFields() {
        assertThat(compose.keySet()).isSubsetOf("name", "services", "volumes", "configs", "networks", "secrets");
        Set<String> known = Set.of("image", "pull_policy", "command", "entrypoint", "environment", "configs", "volumes",
                "ports", "healthcheck", "depends_on", "restart", "profiles", "user", "read_only", "tmpfs", "working_dir",
                "cap_drop", "security_opt");
        services.forEach((name, service) -> {
            assertThat(service.keySet()).as("service %s", name).isSubsetOf(known);
            assertThat((String) service.get("image")).as("%s: a pinned image", name).matches("[^:]+(:[^:]+)?:[\\w.-]+")
                    .doesNotEndWith(":latest");
            Object env = service.get("environment");
            assertThat(env == null || env instanceof Map).as("%s: environment as a map", name).isTrue();
        });
    }

    @Test
    void everyLocalStackServiceRunsItsImageOnItsPortWithOnlyVariablesItReads() {
        for (Service service : LocalStackFacts.services()) {
            Map<String, Object> s = services.get(service.name());
            assertThat(s).as("compose service %s", service.name()).isNotNull();
            assertThat(s.get("image")).isEqualTo("supportcrm/" + service.name() + ":0.1.0-SNAPSHOT");
            assertThat(s.get("read_only")).as("%s read_only", service.name()).isEqualTo(true);
            assertThat(s.get("tmpfs")).isEqualTo(List.of("/tmp"));
            assertThat(s.get("cap_drop")).isEqualTo(List.of("ALL"));
            assertThat(s.get("security_opt")).isEqualTo(List.of("no-new-privileges:true"));
            Map<String, String> env = env(service.name());
            assertThat(env.get("SERVER_PORT")).isEqualTo(String.valueOf(service.port()));
            assertThat(env.get("THC_PORT")).isEqualTo(String.valueOf(service.port()));
            assertThat(env.get("THC_PATH")).isEqualTo("/actuator/health/readiness");
            assertThat(env.keySet().stream().filter(n -> !n.startsWith("THC_") && !LocalStackFacts.reads(service.name(), n)).toList())
                    .as("variables set for %s that it does not read (docs/local-stack.md)", service.name()).isEmpty();
            LocalStackFacts.placeholders(service.name()).forEach((name, fallback) -> {
                if (fallback == null) {
                    assertThat(env).as("%s requires %s", service.name(), name).containsKey(name);
                }
            });
            if (service.hasDatabase()) {
                assertThat(env.get("CRM_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + service.database());
                assertThat(env.get("CRM_DB_USER")).isEqualTo(service.name().replace('-', '_'));
            }
            assertThat(env.get("CRM_REDIS_URL")).startsWith("redis://:${CRM_REDIS_PASSWORD:?").endsWith("@redis:6379");
            assertThat(env.get("CRM_ISSUER_URI")).isEqualTo("http://localhost:18080/realms/crm");
        }
        // the gateway reaches each service at its local stack port
        Map<String, String> gateway = env("gateway");
        for (Service service : LocalStackFacts.services()) {
            if (!service.name().equals("gateway")) {
                assertThat(gateway.get("CRM_" + service.name().toUpperCase().replace('-', '_') + "_URL"))
                        .isEqualTo("http://" + service.name() + ":" + service.port());
            }
        }
    }

    @Test
    void onlyTheGatewayIsPublishedOnEveryInterface() {
        Map<String, List<String>> published = new TreeMap<>();
        services.forEach((name, service) -> {
            Object ports = service.get("ports");
            if (ports != null) {
                published.put(name, ((List<?>) ports).stream().map(String::valueOf).toList());
            }
        });
        assertThat(published.get("gateway")).containsExactly("8080:8080");
        published.forEach((name, ports) -> {
            if (!name.equals("gateway")) {
                assertThat(ports).as("%s: loopback only", name).allMatch(p -> p.startsWith("127.0.0.1:"));
            }
        });
        assertThat(published.keySet()).as("Postgres, Redis, Kafka, Connect and the services are not published")
                .containsExactlyInAnyOrder("gateway", "keycloak", "prometheus");
    }

    @Test
    void everySecretComesFromTheEnvironmentAndRedisRequiresOne() {
        List<String> literal = new ArrayList<>();
        services.forEach((name, service) -> env(name).forEach((key, value) -> {
            if (key.matches(".*(PASSWORD|SECRET|_KEY|_AUTH)$") && !value.isEmpty() && !value.startsWith("${")) {
                literal.add(name + " " + key);
            }
        }));
        assertThat(literal).as("secrets written into docker-compose.yml").isEmpty();
        assertThat(text).doesNotContain("dev-secret").doesNotContain("dev-pass")
                .doesNotContainPattern("PASSWORD '[^$]");
        assertThat(String.valueOf(services.get("redis").get("command"))).contains("--requirepass, ${CRM_REDIS_PASSWORD:?");
        assertThat(env("redis").get("REDISCLI_AUTH")).startsWith("${CRM_REDIS_PASSWORD:?");
    }

    @Test
    void theSameTopicsConnectorsAndRealmAsTheLocalStack() {
        String topicScript = String.valueOf(services.get("kafka-init").get("command"));
        Set<String> created = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("crm\\.[a-z.]+[a-z]").matcher(topicScript);
        while (m.find()) {
            created.add(m.group());
        }
        assertThat(created).isEqualTo(LocalStackFacts.createdTopics());
        Map<String, String> connect = env("connect");
        LocalStackFacts.connectors().forEach((service, file) -> assertThat(connect)
                .as("connect's environment has what infra/debezium/%s.json references", service)
                .containsKeys(LocalStackFacts.envReferences(file).toArray(String[]::new)));
        assertThat(String.valueOf(services.get("connect-init").get("volumes"))).contains("./infra/debezium");
        assertThat(String.valueOf(services.get("keycloak").get("volumes")))
                .contains("./infra/keycloak/crm-realm.json:/opt/keycloak/data/import/crm-realm.json:ro");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(String service) {
        Map<String, String> env = new TreeMap<>();
        Object environment = services.get(service).get("environment");
        if (environment instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((k, v) -> env.put(k, v == null ? "" : String.valueOf(v)));
        }
        return env;
    }
}
