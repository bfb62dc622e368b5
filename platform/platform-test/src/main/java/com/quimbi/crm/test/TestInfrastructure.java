package com.quimbi.crm.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.devstack.KafkaBroker;
import com.quimbi.crm.devstack.KeycloakServer;
import com.quimbi.crm.devstack.PostgresServer;
import com.quimbi.crm.devstack.MailServer;
import com.quimbi.crm.devstack.RedisServer;

/**
 * Real servers for integration tests, started on first use and shared by every test class in the JVM
 * (one Maven module's failsafe run), stopped when the JVM exits. They come from the same launcher code as
 * {@code ./crm up}, on free ports, so a running local stack is never touched.
 */
public final class TestInfrastructure {

    /** Every event topic and its dead-letter topic, as the outbox router and consumers use them. */
    public static final List<String> TOPICS = Topics.ALL_WITH_DLT;

    private static final Path DIR = Path.of("target", "test-infra").toAbsolutePath();
    private static final Lazy<PostgresServer> POSTGRES = new Lazy<>(
            () -> PostgresServer.start(DIR.resolve("postgres-" + UUID.randomUUID()), 0, false));
    private static final Lazy<KafkaBroker> KAFKA = new Lazy<>(() -> {
        KafkaBroker broker = KafkaBroker.start(DIR.resolve("kafka-" + UUID.randomUUID()), 0, 0);
        broker.createTopics(TOPICS);
        return broker;
    });
    private static final Lazy<RedisServer> REDIS = new Lazy<>(() -> RedisServer.start(0));
    private static final Lazy<MailServer> MAIL = new Lazy<>(() -> MailServer.start(0, 0));
    private static final Lazy<KeycloakServer> KEYCLOAK = new Lazy<>(() -> KeycloakServer.start(
            DIR.resolve("keycloak-" + UUID.randomUUID()), 0, 0, repoRoot().resolve("infra/keycloak/crm-realm.json")));

    private TestInfrastructure() {
    }

    public static PostgresServer postgres() {
        return POSTGRES.get();
    }

    public static KafkaBroker kafka() {
        return KAFKA.get();
    }

    public static RedisServer redis() {
        return REDIS.get();
    }

    /** GreenMail (SMTP + IMAP) on free ports: support@crm.local and any address that receives mail. */
    public static MailServer mail() {
        return MAIL.get();
    }

    public static KeycloakServer keycloak() {
        return KEYCLOAK.get();
    }

    /** A database nobody else uses: each test class starts from an empty schema. */
    public static Database freshDatabase() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        postgres().ensureDatabase(name, name, name);
        return new Database(postgres().jdbcUrl(name), name, name);
    }

    /**
     * The properties a service needs to run against the shared servers with its own fresh database. Call it
     * from a {@code @DynamicPropertySource} method in each test class.
     */
    public static void registerServiceProperties(DynamicPropertyRegistry registry) {
        Database database = freshDatabase();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
        // a group of its own, so contexts of other test classes never steal this one's partitions
        registry.add("spring.kafka.consumer.group-id", () -> "it-" + UUID.randomUUID());
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> keycloak().issuerUri());
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> keycloak().jwkSetUri());
        // the token deny-list the gateway writes (platform-security reads it on every authenticated request)
        registry.add("spring.data.redis.url", () -> redis().url());
        registry.add("crm.messaging.retry.initial-interval", () -> "50ms");
    }

    public record Database(String url, String user, String password) {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    public static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("crm")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run tests inside the Support CRM repository (no ./crm found above "
                + Path.of("").toAbsolutePath() + ")");
    }

    /** Starts a server once, on first use, and stops it when the JVM exits. */
    private static final class Lazy<T extends AutoCloseable> {
        private final Supplier<T> starter;
        private T value;

        Lazy(Supplier<T> starter) {
            this.starter = starter;
        }

        synchronized T get() {
            if (value == null) {
                T started = starter.get();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (Exception e) {
                        System.err.println("could not stop test server: " + e);
                    }
                }));
                value = started;
            }
            return value;
        }
    }
}
