package com.quimbi.crm.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@link LocalStack} starts and where.
 *
 * @param baseDir             state of the stack: data/, logs/, pids/ ({@code <repo>/.crm} for ./crm up)
 * @param keepData            false: data/ is wiped at start and at close
 * @param ports               component or service name to port; 0 picks a free port
 * @param services            services to start, in docs/local-stack.md's names
 * @param serviceEnv          extra environment per service, over the stack's own
 * @param externalPostgresUrl postgresql://user:password@host:port of a server to use instead of the embedded one, or null
 * @param externalRedisUrl    redis://host:port of a server to use instead of the embedded one, or null
 * @param progress            receives one line per started component
 * @param walArchive          the embedded Postgres archives its WAL into {@code baseDir/backups} (./crm backup and restore,
 *                            docs/operations/backup-restore.md); off for tests unless they drill a restore
 */
public record LocalStackSettings(
        Path repoRoot,
        Path baseDir,
        boolean keepData,
        Map<String, Integer> ports,
        List<String> services,
        Map<String, Map<String, String>> serviceEnv,
        List<String> serviceJvmArgs,
        Duration serviceReadyTimeout,
        String externalPostgresUrl,
        String externalRedisUrl,
        Consumer<String> progress,
        boolean walArchive) {

    public static final String POSTGRES = "postgres";
    public static final String REDIS = "redis";
    public static final String KAFKA = "kafka";
    public static final String KAFKA_CONTROLLER = "kafka-controller";
    public static final String KAFKA_CONNECT = "kafka-connect";
    public static final String KEYCLOAK = "keycloak";
    public static final String KEYCLOAK_MANAGEMENT = "keycloak-management";
    /** GreenMail's SMTP and IMAP ports (the local mailbox) */
    public static final String MAIL_SMTP = "mail-smtp";
    public static final String MAIL_IMAP = "mail-imap";

    /** docs/local-stack.md */
    public static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();

    public LocalStackSettings {
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(baseDir, "baseDir");
        ports = Map.copyOf(ports);
        services = List.copyOf(services);
        serviceEnv = Map.copyOf(serviceEnv);
        serviceJvmArgs = List.copyOf(serviceJvmArgs);
        services.forEach(Services::named);
    }

    /**
     * ./crm up: state in {@code <repo>/.crm}, data kept, the documented ports. CRM_POSTGRES_URL /
     * CRM_REDIS_URL name external servers to use; CRM_SERVICES (comma-separated) narrows the services.
     */
    public static LocalStackSettings defaults() {
        Builder builder = builder();
        String only = blankToNull(System.getenv("CRM_SERVICES"));
        if (only != null) {
            builder.services(java.util.Arrays.stream(only.split("[,\\s]+")).filter(n -> !n.isEmpty() && !n.equals("none")).toList());
        }
        return builder
                .walArchive(true)
                .externalPostgres(blankToNull(System.getenv("CRM_POSTGRES_URL")))
                .externalRedis(blankToNull(System.getenv("CRM_REDIS_URL")))
                .build();
    }

    /** For tests: fresh data in {@code baseDir}, free ports everywhere (a running ./crm up is not disturbed). */
    public static LocalStackSettings forTests(Path baseDir) {
        return builder().baseDir(baseDir).keepData(false).freePorts().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where base backups, archived WAL and restore points of the embedded Postgres go (walArchive). */
    public Path backupDir() {
        return baseDir.resolve("backups");
    }

    public int port(String component) {
        Integer port = ports.get(component);
        if (port == null) {
            throw new IllegalArgumentException("no port for " + component);
        }
        return port;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.repoRoot = repoRoot;
        b.baseDir = baseDir;
        b.keepData = keepData;
        b.ports.putAll(ports);
        b.services = new ArrayList<>(services);
        serviceEnv.forEach((service, env) -> b.serviceEnv.put(service, new LinkedHashMap<>(env)));
        b.serviceJvmArgs = serviceJvmArgs;
        b.serviceReadyTimeout = serviceReadyTimeout;
        b.externalPostgresUrl = externalPostgresUrl;
        b.externalRedisUrl = externalRedisUrl;
        b.progress = progress;
        b.walArchive = walArchive;
        return b;
    }

    public static final class Builder {
        private Path repoRoot;
        private Path baseDir;
        private boolean keepData = true;
        private final Map<String, Integer> ports = new LinkedHashMap<>(DEFAULT_PORTS);
        private List<String> services = Services.ALL.stream().map(Services.Service::name).toList();
        private final Map<String, Map<String, String>> serviceEnv = new LinkedHashMap<>();
        private List<String> serviceJvmArgs = ServiceProcess.DEFAULT_JVM_ARGS;
        private Duration serviceReadyTimeout = Duration.ofMinutes(3);
        private String externalPostgresUrl;
        private String externalRedisUrl;
        private Consumer<String> progress = System.out::println;
        private boolean walArchive;

        private Builder() {
        }

        public Builder walArchive(boolean walArchive) {
            this.walArchive = walArchive;
            return this;
        }

        public Builder repoRoot(Path repoRoot) {
            this.repoRoot = repoRoot;
            return this;
        }

        public Builder baseDir(Path baseDir) {
            this.baseDir = baseDir;
            return this;
        }

        public Builder keepData(boolean keepData) {
            this.keepData = keepData;
            return this;
        }

        public Builder port(String component, int port) {
            ports.put(component, port);
            return this;
        }

        public Builder freePorts() {
            ports.replaceAll((component, port) -> 0);
            return this;
        }

        public Builder services(String... names) {
            return services(List.of(names));
        }

        public Builder services(List<String> names) {
            this.services = List.copyOf(names);
            return this;
        }

        public Builder serviceEnv(String service, String name, String value) {
            serviceEnv.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        public Builder serviceEnv(String service, Map<String, String> env) {
            serviceEnv.computeIfAbsent(service, s -> new LinkedHashMap<>()).putAll(env);
            return this;
        }

        public Builder serviceJvmArgs(List<String> jvmArgs) {
            this.serviceJvmArgs = List.copyOf(jvmArgs);
            return this;
        }

        public Builder serviceReadyTimeout(Duration timeout) {
            this.serviceReadyTimeout = timeout;
            return this;
        }

        public Builder externalPostgres(String url) {
            this.externalPostgresUrl = url;
            return this;
        }

        public Builder externalRedis(String url) {
            this.externalRedisUrl = url;
            return this;
        }

        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        public LocalStackSettings build() {
            Path root = repoRoot != null ? repoRoot : CrmHome.repoRoot();
            Map<String, Map<String, String>> env = new LinkedHashMap<>();
            serviceEnv.forEach((service, vars) -> env.put(service, Map.copyOf(vars)));
            return new LocalStackSettings(root, baseDir != null ? baseDir : root.resolve(".crm"), keepData, ports, services, env,
                    serviceJvmArgs, serviceReadyTimeout, externalPostgresUrl, externalRedisUrl, progress, walArchive);
        }
    }

    private static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(POSTGRES, 54329);
        ports.put(REDIS, 63799);
        ports.put(KAFKA, 19092);
        ports.put(KAFKA_CONTROLLER, 19093);
        ports.put(KAFKA_CONNECT, 18083);
        ports.put(KEYCLOAK, 18080);
        ports.put(KEYCLOAK_MANAGEMENT, 19000);
        ports.put(MAIL_SMTP, 3025);
        ports.put(MAIL_IMAP, 3143);
        Services.ALL.forEach(s -> ports.put(s.name(), s.defaultPort()));
        return java.util.Collections.unmodifiableMap(ports);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
