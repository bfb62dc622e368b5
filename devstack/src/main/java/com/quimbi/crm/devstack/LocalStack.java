package com.quimbi.crm.devstack;

import static com.quimbi.crm.devstack.LocalStackSettings.KAFKA;
import static com.quimbi.crm.devstack.LocalStackSettings.KAFKA_CONNECT;
import static com.quimbi.crm.devstack.LocalStackSettings.KAFKA_CONTROLLER;
import static com.quimbi.crm.devstack.LocalStackSettings.KEYCLOAK;
import static com.quimbi.crm.devstack.LocalStackSettings.KEYCLOAK_MANAGEMENT;
import static com.quimbi.crm.devstack.LocalStackSettings.MAIL_IMAP;
import static com.quimbi.crm.devstack.LocalStackSettings.MAIL_SMTP;
import static com.quimbi.crm.devstack.LocalStackSettings.POSTGRES;
import static com.quimbi.crm.devstack.LocalStackSettings.REDIS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The whole local stack: Postgres (+ one database per service), Redis, Kafka (+ topics), Kafka Connect
 * (+ each service's outbox connector), Keycloak (realm crm), then the services, each in its own JVM.
 * Keycloak and Kafka start in parallel with Postgres; services that do not depend on each other start in
 * parallel; the gateway starts last.
 */
public final class LocalStack implements AutoCloseable, ServiceSupervisor.Supervised {

    /** Where the services (all but the gateway) listen. */
    static final String LOOPBACK = "127.0.0.1";

    private final LocalStackSettings settings;
    private final PidRegistry pids;
    private final long startNanos = System.nanoTime();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private PostgresServer postgres;
    private RedisServer redis;
    private MailServer mail;
    private KafkaBroker kafka;
    private KafkaConnect connect;
    private KeycloakServer keycloak;

    private LocalStack(LocalStackSettings settings) {
        this.settings = settings;
        this.pids = new PidRegistry(settings.baseDir().resolve("pids"));
    }

    public static LocalStack start(LocalStackSettings settings) {
        LocalStack stack = new LocalStack(settings);
        Reaper.register(stack);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        Path data = settings.baseDir().resolve("data");
        if (!settings.keepData()) {
            Files2.deleteRecursively(data);
            // backups of a server that no longer exists restore nothing useful
            if (settings.walArchive()) {
                Files2.deleteRecursively(settings.backupDir());
            }
        }
        List<String> leftovers = pids.stopAll();
        if (!leftovers.isEmpty()) {
            progress("stopped leftovers of an earlier run: " + String.join(", ", leftovers));
        }
        // every port is known before anything starts: services get each other's URLs in their environment
        settings.ports().forEach((component, port) -> ports.put(component, Ports.orFree(port)));
        requireFixedPortsFree();
        progress("starting the local stack in " + settings.baseDir() + (settings.keepData() ? " (data kept between runs)" : " (fresh data)"));

        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<?>> all = new ArrayList<>();
            CompletableFuture<KeycloakServer> keycloakReady = async(executor, all, () -> keycloak = step(KEYCLOAK,
                    () -> KeycloakServer.start(data.resolve("keycloak"), ports.get(KEYCLOAK), ports.get(KEYCLOAK_MANAGEMENT),
                            settings.repoRoot().resolve("infra/keycloak/crm-realm.json"), log(KEYCLOAK), pids),
                    k -> k.baseUrl() + " (admin: " + k.baseUrl() + "/admin)"));
            CompletableFuture<KafkaBroker> kafkaReady = async(executor, all, () -> kafka = step(KAFKA, () -> {
                KafkaBroker broker = KafkaBroker.start(data.resolve("kafka"), ports.get(KAFKA), ports.get(KAFKA_CONTROLLER), log(KAFKA), pids);
                started(broker);
                broker.createTopics(Services.TOPICS);
                return broker;
            }, b -> b.bootstrapServers() + ", topics " + String.join(", ", Services.TOPICS)));

            postgres = step(POSTGRES, () -> settings.externalPostgresUrl() != null
                    ? PostgresServer.external(settings.externalPostgresUrl())
                    : PostgresServer.start(data.resolve("postgres"), ports.get(POSTGRES), settings.keepData(), log(POSTGRES), pids,
                            postgresConfig()),
                    p -> p.jdbcUrl("") + (p.isEmbedded() ? "" : " (external)"));
            List<Services.Service> withDatabase = services().stream().filter(s -> s.database() != null).toList();
            if (!withDatabase.isEmpty()) {
                step("databases", () -> {
                    withDatabase.forEach(s -> postgres.ensureDatabase(s.database(), s.role(), s.password()));
                    return withDatabase;
                }, list -> String.join(", ", list.stream().map(s -> s.database() + " (" + s.role() + ")").toList()));
            }
            redis = step(REDIS, () -> settings.externalRedisUrl() != null
                    ? RedisServer.external(settings.externalRedisUrl())
                    : RedisServer.start(ports.get(REDIS), log(REDIS), pids), RedisServer::url);
            // the local mailbox: integration-service reads support@crm.local over IMAP and sends over SMTP
            mail = step("mail", () -> MailServer.start(ports.get(MAIL_SMTP), ports.get(MAIL_IMAP)), MailServer::url);

            forgetConnectOffsetsOfAnotherPostgres(data.resolve("connect"));
            CompletableFuture<KafkaConnect> connectReady = kafkaReady.thenApplyAsync(broker -> connect = step(KAFKA_CONNECT,
                    () -> KafkaConnect.start(data.resolve("connect"), ports.get(KAFKA_CONNECT), broker.bootstrapServers(),
                            connectEnv(), List.of(), log(KAFKA_CONNECT), pids), KafkaConnect::restUrl), executor);
            all.add(connectReady);

            // services need Kafka and Keycloak (their JWKS) up; Connect only matters once a service has its tables
            join(all, CompletableFuture.allOf(kafkaReady, keycloakReady));
            // after ./crm restore: the consumer groups go back before their services start (restorePostgres)
            java.util.Optional<java.time.Instant> catchUpFrom = postgres.isEmbedded() && settings.walArchive()
                    ? new PostgresBackup(settings.backupDir()).pendingRestore() : java.util.Optional.empty();
            catchUpFrom.ifPresent(since -> ConsumerGroupRewind.rewind(kafka.bootstrapServers(), since, this::progress));
            List<CompletableFuture<?>> backends = new ArrayList<>();
            for (Services.Service service : services()) {
                if (!service.edge()) {
                    backends.add(async(executor, all, () -> startService(service, connectReady)));
                }
            }
            join(all, CompletableFuture.allOf(backends.toArray(CompletableFuture[]::new)));
            for (Services.Service service : services()) {
                if (service.edge()) {
                    startService(service, connectReady);
                }
            }
            join(all, connectReady);
            catchUpFrom.ifPresent(since -> {
                reemitOutboxTails(services(), since);
                new PostgresBackup(settings.backupDir()).clearPendingRestore();
            });
        }
        progress("stack ready in " + seconds(startNanos));
    }

    /** WAL archiving for ./crm backup / restore (settings.walArchive), else nothing beyond PostgresServer's own. */
    private Map<String, String> postgresConfig() {
        if (!settings.walArchive()) {
            return Map.of();
        }
        PostgresBackup backups = new PostgresBackup(settings.backupDir());
        // archived WAL older than the base backups kept (all of it, without one) restores nothing: the archive
        // of a ./crm up that never backs up stays small
        backups.prune(PostgresBackup.KEEP_BASE_BACKUPS);
        return backups.archiveSettings();
    }

    /** The embedded Postgres's backups (base backups, archived WAL, restore points); needs settings.walArchive. */
    public PostgresBackup backups() {
        if (!settings.walArchive() || postgres == null || !postgres.isEmbedded()) {
            throw new IllegalStateException("backups need the embedded Postgres started with WAL archiving (LocalStackSettings.walArchive)");
        }
        return new PostgresBackup(settings.backupDir());
    }

    /** A base backup of the running Postgres (./crm backup). */
    public PostgresBackup.BaseBackup backupPostgres(String name) {
        return backups().backup(postgres, settings.baseDir().resolve("data").resolve("postgres"), name);
    }

    /**
     * Point-in-time restore of the whole running stack's Postgres (every service database: it is one cluster here)
     * to the restore point {@code pointName}, the way docs/operations/backup-restore.md restores a service database:
     * <ol>
     * <li>stop the services (they would write during the swap) and Kafka Connect;</li>
     * <li>restore: the newest base backup before the point, archived WAL replayed up to it, promoted;</li>
     * <li>forget Connect's offsets: they are WAL positions of the old timeline, past the point; kept, Debezium would
     * skip the new timeline's first changes as already sent. The restored server has no replication slots, so each
     * connector starts on a fresh slot at the current position;</li>
     * <li>move every consumer group back to {@code pointCreatedAt - catchUp} (never forward): what a service consumed
     * after that is redelivered; its inbox (processed_message, restored with its state) skips what it had applied
     * before the point;</li>
     * <li>start Connect and the services (their connectors with them);</li>
     * <li>re-emit each outbox's tail since {@code pointCreatedAt - catchUp}: rows the relay had not sent before the
     * disaster would otherwise never leave (the fresh slot starts after them); consumers skip the ones they have.</li>
     * </ol>
     */
    public synchronized void restorePostgres(String pointName, Duration catchUp) {
        PostgresBackup backups = backups();
        PostgresBackup.RestorePoint point = backups.restorePoint(pointName)
                .orElseThrow(() -> new IllegalArgumentException("no restore point named " + pointName));
        java.time.Instant since = point.createdAt().minus(catchUp);
        List<Services.Service> running = services().stream().filter(s -> services.containsKey(s.name())).toList();
        for (Services.Service service : running.reversed()) {
            ServiceProcess process = services.remove(service.name());
            process.close();
            started.remove(process);
        }
        if (connect != null) {
            connect.close();
            started.remove(connect);
        }
        postgres.close();
        started.remove(postgres);
        Path data = settings.baseDir().resolve("data");
        PostgresBackup.BaseBackup base = backups.prepareRestore(data.resolve("postgres"), pointName);
        // keepData: the restored directory must survive this server's close (LocalStack.close wipes data/ if asked)
        postgres = step(POSTGRES, () -> PostgresServer.start(data.resolve("postgres"), ports.get(POSTGRES), true, log(POSTGRES),
                pids, postgresConfig()), p -> "restored from base backup " + base.name() + " to restore point " + pointName);
        PostgresBackup.awaitRecovered(postgres, Duration.ofMinutes(5));
        try {
            Files.deleteIfExists(data.resolve("connect").resolve(KafkaConnect.OFFSETS_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConsumerGroupRewind.rewind(kafka.bootstrapServers(), since, this::progress);
        connect = step(KAFKA_CONNECT, () -> KafkaConnect.start(data.resolve("connect"), ports.get(KAFKA_CONNECT),
                kafka.bootstrapServers(), connectEnv(), List.of(), log(KAFKA_CONNECT), pids), KafkaConnect::restUrl);
        CompletableFuture<KafkaConnect> connectReady = CompletableFuture.completedFuture(connect);
        for (Services.Service service : running) {
            startService(service, connectReady);
        }
        reemitOutboxTails(running, since);
    }

    /** Each publishing service's outbox rows since {@code since}, sent again (OutboxTail); their connectors run. */
    private void reemitOutboxTails(List<Services.Service> publishers, java.time.Instant since) {
        for (Services.Service service : publishers) {
            if (services.containsKey(service.name()) && service.database() != null
                    && service.connectorFile(settings.repoRoot()).isPresent()) {
                int reemitted = OutboxTail.reemit(postgres, service.database(), since);
                progress(service.name() + ": re-emitted " + reemitted + " outbox rows since " + since);
            }
        }
    }

    /**
     * Debezium refuses offsets (WAL positions) of another server: after a wiped Postgres data dir or a
     * switch to CRM_POSTGRES_URL, the kept Connect offsets must go too.
     */
    private void forgetConnectOffsetsOfAnotherPostgres(Path connectDir) {
        Path marker = connectDir.resolve("postgres-identity");
        String identity = postgres.identity();
        try {
            boolean sameServer = Files.exists(marker) && Files.readString(marker).equals(identity);
            if (!sameServer && Files.deleteIfExists(connectDir.resolve(KafkaConnect.OFFSETS_FILE))) {
                progress("Postgres is not the one Debezium saw last time: its offsets are reset");
            }
            Files.createDirectories(connectDir);
            Files.writeString(marker, identity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clash is reported before anything starts, not after a minute of starting the rest. */
    private void requireFixedPortsFree() {
        List<String> used = new ArrayList<>();
        settings.ports().forEach((component, port) -> {
            boolean external = (component.equals(POSTGRES) && settings.externalPostgresUrl() != null)
                    || (component.equals(REDIS) && settings.externalRedisUrl() != null);
            boolean unusedService = Services.ALL.stream().anyMatch(s -> s.name().equals(component)) && !settings.services().contains(component);
            if (port != 0 && !external && !unusedService && !Ports.isFree(port)) {
                used.add(component + " " + port);
            }
        });
        if (!used.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + String.join(", ", used)
                    + ". Is another stack running (./crm status)? Otherwise stop what holds them.");
        }
    }

    private ServiceProcess startService(Services.Service service, CompletableFuture<KafkaConnect> connectReady) {
        ServiceProcess process = step(service.name(), () -> ServiceProcess.start(service.name(), service.bootJar(settings.repoRoot()),
                ports.get(service.name()), serviceEnv(service), log(service.name()), settings.serviceReadyTimeout(),
                settings.serviceJvmArgs(), pids), s -> s.baseUrl());
        services.put(service.name(), process);
        service.connectorFile(settings.repoRoot()).ifPresent(file -> {
            KafkaConnect worker = connectReady.join();
            step(service.name() + " outbox", () -> {
                String name = worker.addConnector(file);
                worker.awaitConnectorRunning(name, Duration.ofSeconds(90));
                return name;
            }, name -> "connector " + name + " running");
        });
        return process;
    }

    private Map<String, String> serviceEnv(Services.Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CRM_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("CRM_ISSUER_URI", keycloak.issuerUri());
        env.put("CRM_JWK_SET_URI", keycloak.jwkSetUri());
        env.put("CRM_KEYCLOAK_URL", keycloak.baseUrl());
        env.put("CRM_REDIS_URL", redis.url());
        if (service.database() != null) {
            env.put("CRM_DB_URL", postgres.jdbcUrl(service.database()));
            env.put("CRM_DB_USER", service.role());
            env.put("CRM_DB_PASSWORD", service.password());
        }
        if (!service.edge()) {
            // only the gateway is meant for clients: a service called on its own port is reachable from this
            // machine alone (it still checks tokens, roles and the deny-list itself)
            env.put("SERVER_ADDRESS", LOOPBACK);
        }
        if (service.edge()) {
            for (Services.Service backend : Services.ALL) {
                if (!backend.edge()) {
                    env.put(backend.urlVariable(), "http://" + LOOPBACK + ":" + ports.get(backend.name()));
                }
            }
            env.put("CRM_GATEWAY_CLIENT_ID", "crm-gateway");
            env.put("CRM_GATEWAY_CLIENT_SECRET", KeycloakServer.LOCAL_CLIENT_SECRETS.get("CRM_GATEWAY_CLIENT_SECRET"));
        }
        if (service.name().equals("integration-service") && mail != null) {
            // one mailbox from the environment, so ./crm up turns mail into tickets out of the box (dev only)
            env.put("CRM_MAIL_MAILBOX_ADDRESS", MailServer.SUPPORT_ADDRESS);
            env.put("CRM_MAIL_MAILBOX_USERNAME", MailServer.SUPPORT_LOGIN);
            env.put("CRM_MAIL_MAILBOX_PASSWORD", MailServer.SUPPORT_PASSWORD);
            env.put("CRM_MAIL_IMAP_HOST", mail.host());
            env.put("CRM_MAIL_IMAP_PORT", String.valueOf(mail.imapPort()));
            env.put("CRM_MAIL_IMAP_TLS", "false");
            env.put("CRM_MAIL_SMTP_HOST", mail.host());
            env.put("CRM_MAIL_SMTP_PORT", String.valueOf(mail.smtpPort()));
            env.put("CRM_MAIL_SMTP_TLS", "false");
        }
        if ((service.edge() || service.name().equals("notification-service")) && ports.containsKey("gateway")) {
            // the console is served by the gateway: its WebSocket handshakes come from the gateway's own origin
            // (checked by the gateway and by notification-service); the Vite-style dev origin stays allowed
            env.put("CRM_WS_ORIGINS", consoleOrigins());
        }
        if (service.name().equals("notification-service")) {
            // alerts: e-mail alerts into the local mailbox; Slack replies and buttons act as the agent on these services
            // (an access token for the agent from Keycloak's token exchange)
            if (mail != null) {
                env.put("CRM_SMTP_HOST", mail.host());
                env.put("CRM_SMTP_PORT", String.valueOf(mail.smtpPort()));
            }
            env.put("CRM_TICKET_SERVICE_URL", "http://" + LOOPBACK + ":" + ports.get("ticket-service"));
            env.put("CRM_ASSIGNMENT_SERVICE_URL", "http://" + LOOPBACK + ":" + ports.get("assignment-service"));
            env.put("CRM_TOKEN_URL", keycloak.issuerUri() + "/protocol/openid-connect/token");
        }
        if (service.name().equals("automation-service")) {
            // macros act on tickets through these services as the applying agent; time rules as the service account
            // crm-automation-service (client credentials; the realm's dev secret is the service's default)
            env.put("CRM_TICKET_SERVICE_URL", "http://" + LOOPBACK + ":" + ports.get("ticket-service"));
            env.put("CRM_ASSIGNMENT_SERVICE_URL", "http://" + LOOPBACK + ":" + ports.get("assignment-service"));
            env.put("CRM_TOKEN_URL", keycloak.issuerUri() + "/protocol/openid-connect/token");
        }
        if (service.name().equals("agent-service")) {
            // the realm's demo users (dev only) get agent profiles, so /api/auth/me and routing know them
            env.put("CRM_AGENT_BOOTSTRAP_USERNAMES", "alex.agent,sara.supervisor,adam.admin");
        }
        env.putAll(settings.serviceEnv().getOrDefault(service.name(), Map.of()));
        return env;
    }

    /** The origins the agent console is opened at: the gateway's URL (localhost and 127.0.0.1), and a dev server's. */
    String consoleOrigins() {
        int gateway = ports.get("gateway");
        return "http://localhost:" + gateway + ",http://127.0.0.1:" + gateway + ",http://localhost:5173";
    }

    /** The agent console (served by the gateway at /), or null when the gateway does not run. */
    public String consoleUrl() {
        ServiceProcess gateway = services.get("gateway");
        return gateway == null ? null : gateway.baseUrl() + "/";
    }

    /** The variables infra/debezium/*.json read through Connect's env config provider. */
    private Map<String, String> connectEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Services.Service service : Services.ALL) {
            if (service.database() != null) {
                String prefix = service.connectorVariablePrefix();
                env.put(prefix + "HOST", postgres.host());
                env.put(prefix + "PORT", String.valueOf(postgres.port()));
                env.put(prefix + "NAME", service.database());
                env.put(prefix + "USER", service.role());
                env.put(prefix + "PASSWORD", service.password());
            }
        }
        return env;
    }

    private List<Services.Service> services() {
        return settings.services().stream().map(Services::named).toList();
    }

    /** Runs one start step, remembers what it started (for close) and prints one progress line. */
    private <T> T step(String name, Supplier<T> start, java.util.function.Function<T, String> describe) {
        long begin = System.nanoTime();
        T result = start.get();
        if (result instanceof AutoCloseable closeable) {
            started(closeable);
        }
        progress(String.format("%-24s ready in %5s  %s", name, seconds(begin), describe.apply(result)));
        return result;
    }

    private synchronized void started(AutoCloseable closeable) {
        if (!started.contains(closeable)) {
            started.add(closeable);
        }
    }

    private static <T> CompletableFuture<T> async(ExecutorService executor, List<CompletableFuture<?>> all, Supplier<T> task) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(task, executor);
        all.add(future);
        return future;
    }

    /** Waits for {@code future}; when anything failed, first lets every other start finish, so close() sees it all. */
    private static void join(List<CompletableFuture<?>> all, CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Path log(String name) {
        return settings.baseDir().resolve("logs").resolve(name + ".log");
    }

    private void progress(String line) {
        settings.progress().accept(String.format("[%6s] %s", seconds(startNanos), line));
    }

    private static String seconds(long sinceNanos) {
        return String.format("%.1f s", (System.nanoTime() - sinceNanos) / 1e9);
    }

    /** Component name to URL, in the order of the summary table. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (Services.Service service : services()) {
            ServiceProcess process = services.get(service.name());
            if (process != null) {
                endpoints.put(service.name(), process.baseUrl());
            }
        }
        if (keycloak != null) {
            endpoints.put(KEYCLOAK, keycloak.baseUrl());
            endpoints.put("keycloak-admin", keycloak.baseUrl() + "/admin");
        }
        if (kafka != null) {
            endpoints.put(KAFKA, kafka.bootstrapServers());
        }
        if (connect != null) {
            endpoints.put(KAFKA_CONNECT, connect.restUrl());
        }
        if (postgres != null) {
            endpoints.put(POSTGRES, postgres.jdbcUrl(""));
        }
        if (redis != null) {
            endpoints.put(REDIS, redis.url());
        }
        if (mail != null) {
            endpoints.put("mail", mail.url());
        }
        return endpoints;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public RedisServer redis() {
        return redis;
    }

    /** GreenMail: the local mailbox (SMTP + IMAP) */
    public MailServer mail() {
        return mail;
    }

    public KafkaConnect connect() {
        return connect;
    }

    public LocalStackSettings settings() {
        return settings;
    }

    /** e.g. "gateway" -> http://localhost:8080 */
    public String serviceUrl(String serviceName) {
        ServiceProcess service = services.get(serviceName);
        if (service == null) {
            throw new IllegalArgumentException(serviceName + " is not running in this stack; running: " + services.keySet());
        }
        return service.baseUrl();
    }

    /**
     * Starts a service again with the same port, environment and JVM options (the supervisor, after its process
     * ended). The old process is stopped first if it still runs.
     */
    public ServiceProcess restartService(String serviceName) {
        Services.Service service = Services.named(serviceName);
        ServiceProcess old = services.get(serviceName);
        if (old != null) {
            old.close();
            synchronized (this) {
                started.remove(old);
            }
        }
        ServiceProcess process = ServiceProcess.start(serviceName, service.bootJar(settings.repoRoot()),
                ports.get(serviceName), serviceEnv(service), log(serviceName), settings.serviceReadyTimeout(),
                settings.serviceJvmArgs(), pids);
        started(process);
        services.put(serviceName, process);
        return process;
    }

    /** The services this stack runs, by name. */
    public java.util.Set<String> serviceNames() {
        return java.util.Set.copyOf(services.keySet());
    }

    public ServiceProcess service(String serviceName) {
        serviceUrl(serviceName);
        return services.get(serviceName);
    }

    /** The services and the servers this stack runs itself (an external Postgres or Redis is not ours). */
    @Override
    public java.util.Set<String> supervisedNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(services.keySet());
        if (postgres != null && postgres.isEmbedded()) {
            names.add(POSTGRES);
        }
        if (redis != null && redis.isEmbedded()) {
            names.add(REDIS);
        }
        if (kafka != null) {
            names.add(KAFKA);
        }
        if (connect != null) {
            names.add(KAFKA_CONNECT);
        }
        if (keycloak != null) {
            names.add(KEYCLOAK);
        }
        return names;
    }

    @Override
    public boolean isAlive(String name) {
        return switch (name) {
            case POSTGRES -> postgres.isAlive();
            case REDIS -> redis.isAlive();
            case KAFKA -> kafka.isAlive();
            case KAFKA_CONNECT -> connect.isAlive();
            case KEYCLOAK -> keycloak.isAlive();
            default -> service(name).isAlive();
        };
    }

    /**
     * Starts a service or server again on its port with its data (the supervisor, after its process ended; the old
     * process is stopped first if it still runs). Kafka Connect gets the connectors of the running services again:
     * a standalone worker keeps only their offsets. Returns where it runs now.
     */
    @Override
    public String restart(String name) {
        Path data = settings.baseDir().resolve("data");
        switch (name) {
            case POSTGRES -> {
                PostgresServer old = postgres;
                quietly(old::closeKeepingData);
                PostgresServer.awaitCrashedServerGone(data.resolve("postgres"), Duration.ofSeconds(60));
                postgres = replaced(old, PostgresServer.start(data.resolve("postgres"), ports.get(POSTGRES), true,
                        log(POSTGRES), pids, postgresConfig()));
                return postgres.jdbcUrl("");
            }
            case REDIS -> {
                RedisServer old = redis;
                quietly(old::close);
                redis = replaced(old, RedisServer.start(ports.get(REDIS), log(REDIS), pids));
                return redis.url();
            }
            case KAFKA -> {
                KafkaBroker old = kafka;
                quietly(old::close);
                kafka = replaced(old, KafkaBroker.start(data.resolve("kafka"), ports.get(KAFKA), ports.get(KAFKA_CONTROLLER),
                        log(KAFKA), pids));
                return kafka.bootstrapServers();
            }
            case KAFKA_CONNECT -> {
                KafkaConnect old = connect;
                quietly(old::close);
                KafkaConnect worker = replaced(old, KafkaConnect.start(data.resolve("connect"), ports.get(KAFKA_CONNECT),
                        kafka.bootstrapServers(), connectEnv(), List.of(), log(KAFKA_CONNECT), pids));
                connect = worker;
                try {
                    for (Services.Service service : services()) {
                        if (services.containsKey(service.name())) {
                            service.connectorFile(settings.repoRoot()).ifPresent(file ->
                                    worker.awaitConnectorRunning(worker.addConnector(file), Duration.ofSeconds(90)));
                        }
                    }
                } catch (RuntimeException e) {
                    // a worker without its connectors relays nothing yet looks alive: stop it, so the supervisor tries
                    // again (./crm chaos: Connect restarted while Postgres was, the connectors' validation failed)
                    quietly(worker::close);
                    throw e;
                }
                return worker.restUrl();
            }
            case KEYCLOAK -> {
                KeycloakServer old = keycloak;
                quietly(old::close);
                keycloak = replaced(old, KeycloakServer.start(data.resolve("keycloak"), ports.get(KEYCLOAK),
                        ports.get(KEYCLOAK_MANAGEMENT), settings.repoRoot().resolve("infra/keycloak/crm-realm.json"),
                        log(KEYCLOAK), pids));
                return keycloak.baseUrl();
            }
            default -> {
                ServiceProcess process = restartService(name);
                return "pid " + process.pid() + ", " + process.baseUrl();
            }
        }
    }

    /** The new server takes the old one's place in the stop order (servers stop after the services using them). */
    private synchronized <T extends AutoCloseable> T replaced(AutoCloseable old, T server) {
        int at = started.indexOf(old);
        if (at >= 0) {
            started.set(at, server);
        } else {
            started.add(server);
        }
        return server;
    }

    /** Stopping what already died may fail half-way; what matters is that it no longer holds its port and files. */
    private void quietly(Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            progress("stopping the old process: " + e.getMessage());
        }
    }

    /** Stops everything this stack started, newest first (services before the servers they use). */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(started).reversed();
            started.clear();
        }
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                progress("failed to stop " + closeable + ": " + e);
            }
        }
        services.clear();
        if (!settings.keepData()) {
            Files2.deleteRecursively(settings.baseDir().resolve("data"));
        }
        Reaper.unregister(this);
    }

    @Override
    public String toString() {
        return "local stack in " + settings.baseDir();
    }
}
