package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keycloak from its distribution zip. The zip is unpacked and built ({@code kc.sh build}) once under
 * {@code <repo>/.crm/keycloak-<version>}; every instance runs from a hard-linked copy of that tree in its
 * own {@code instanceDir}, so its H2 database and imported realm are its own (a test stack never locks
 * the developer's database).
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "crm";
    public static final String CONSOLE_CLIENT = "crm-console";
    /**
     * Build-time options. The features: notification-service acts as an agent (a Slack thread reply becomes that
     * agent's internal note, "Assign to me" assigns as them) through token exchange with impersonation
     * ({@code requested_subject}), which only Keycloak's legacy token exchange does; it needs the v1 fine-grained
     * admin permissions, which hold the realm's "crm-notification-service may impersonate users" permission
     * (infra/keycloak/crm-realm.json). Keep in step with docker-compose.yml and k8s/.
     */
    public static final String FEATURES = "token-exchange,admin-fine-grained-authz:v1";
    // metrics on the management port: Prometheus scrapes them (infra/observability, ./crm up --observability)
    private static final String BUILD_OPTIONS = "--db=dev-file --health-enabled=true --metrics-enabled=true --features=" + FEATURES;
    /**
     * The confidential clients' secrets of the local stack. The committed realm holds only {@code ${...}}
     * placeholders, which Keycloak resolves from its environment at import, as in compose and k8s, where they come
     * from Secrets; these dev values exist here only (and as the services' local defaults).
     */
    public static final Map<String, String> LOCAL_CLIENT_SECRETS = Map.of(
            "CRM_GATEWAY_CLIENT_SECRET", "crm-gateway-dev-secret",
            "CRM_AGENT_CLIENT_SECRET", "crm-agent-service-dev-secret",
            "CRM_NOTIFICATION_CLIENT_SECRET", "crm-notification-service-dev-secret",
            "CRM_AUTOMATION_CLIENT_SECRET", "crm-automation-service-dev-secret");
    /** The demo logins, one per realm role: imported into the local stack's realm only, never deployed. */
    static final String DEMO_USERS_FILE = "crm-demo-users.json";

    private final ChildProcess process;
    private final int port;

    private KeycloakServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static KeycloakServer start(Path instanceDir, int port, int managementPort, Path realmFile) {
        return start(instanceDir, port, managementPort, realmFile, instanceDir.resolve("keycloak.log"), null);
    }

    static KeycloakServer start(Path instanceDir, int port, int managementPort, Path realmFile, Path logFile, PidRegistry pids) {
        int httpPort = Ports.requireFree(Ports.orFree(port), "keycloak");
        int healthPort = Ports.requireFree(Ports.orFree(managementPort), "keycloak management");
        Path home = instanceHome(instanceDir, realmFile);
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-port=" + httpPort, "--hostname=http://localhost:" + httpPort,
                "--http-management-port=" + healthPort, "--cache=local", "--import-realm",
                // Keycloak 26 refuses a login ("user temporarily disabled", answered as invalid credentials) while
                // another one of the same user is in flight when brute-force protection is on; tests and the
                // console's tabs log the demo users in concurrently. Failed logins still count and lock out.
                "--spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true");
        Map<String, String> env = new java.util.HashMap<>(LOCAL_CLIENT_SECRETS);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-dev-pass");
        ChildProcess process = ChildProcess.start("keycloak", command, javaEnv(env), instanceDir, logFile, pids);
        try {
            process.awaitReady("ready (health on port " + healthPort + ")", Duration.ofSeconds(180),
                    () -> Http.status("http://localhost:" + healthPort + "/health/ready") == 200);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new KeycloakServer(process, httpPort);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** Pinned by --hostname, so tokens carry this issuer however they were requested. */
    public String issuerUri() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String jwkSetUri() {
        return issuerUri() + "/protocol/openid-connect/certs";
    }

    public String tokenUrl() {
        return issuerUri() + "/protocol/openid-connect/token";
    }

    /** Resource-owner password grant through the public client crm-console. */
    public String accessToken(String username, String password) {
        Http.Response response = Http.postForm(tokenUrl(), Map.of(
                "grant_type", "password", "client_id", CONSOLE_CLIENT, "username", username, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("no token for " + username + ": " + response.status() + " " + response.body());
        }
        return response.json().path("access_token").asString();
    }

    /** Its process (drills stop it; the supervisor starts it again). */
    public long pid() {
        return process.pid();
    }

    /** False once its process ended (a crash, a kill): the supervisor then starts it again. */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "keycloak on " + baseUrl();
    }

    /**
     * The instance's Keycloak tree. Its H2 database survives restarts, except when the realm file changed:
     * an existing realm is never re-imported, so the database is dropped to pick up the new realm.
     */
    private static Path instanceHome(Path instanceDir, Path realmFile) {
        Path dist = builtDistribution();
        Path home = instanceDir.resolve("keycloak");
        Path marker = home.resolve(".devstack-dist");
        try {
            // a rebuilt distribution has new files: links to the old ones would keep running the old build
            String distribution = dist + " " + BUILD_OPTIONS;
            if (!Files.exists(marker) || !Files.readString(marker).equals(distribution)) {
                if (Files.isDirectory(home)) {
                    try (var entries = Files.list(home)) {
                        entries.filter(p -> !p.getFileName().toString().equals("data")).forEach(Files2::deleteRecursively);
                    }
                }
                Files2.hardLinkTree(dist, home, java.util.Set.of("data"));
                Files.writeString(marker, distribution);
            }
            Path importDir = home.resolve("data/import");
            Files.createDirectories(importDir);
            String realm = localRealm(realmFile);
            // the secrets are resolved at import too: a changed one needs a fresh import like a changed realm
            String realmHash = sha256(realm + new java.util.TreeMap<>(LOCAL_CLIENT_SECRETS));
            Path hashFile = home.resolve("data/.realm-sha256");
            if (Files.exists(hashFile) && !Files.readString(hashFile).equals(realmHash)) {
                Files2.deleteRecursively(home.resolve("data/h2"));
            }
            // a real file: a hard link would let Keycloak's data dir point into the repo's infra/ files
            Files.writeString(importDir.resolve("crm-realm.json"), realm);
            Files.writeString(hashFile, realmHash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Keycloak in " + home, e);
        }
        return home;
    }

    /** The realm as the local stack imports it: the committed realm plus the demo users beside it, when there. */
    static String localRealm(Path realmFile) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = (ObjectNode) json.readTree(realmFile.toFile());
        Path demoUsers = realmFile.resolveSibling(DEMO_USERS_FILE);
        if (Files.exists(demoUsers)) {
            ArrayNode users = realm.has("users") ? (ArrayNode) realm.get("users") : realm.putArray("users");
            json.readTree(demoUsers.toFile()).forEach(users::add);
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(realm);
    }

    /** Unpacks and builds the distribution once per machine checkout; a file lock serialises racing JVMs. */
    static Path builtDistribution() {
        String version = CrmHome.build("keycloak.version");
        Path crmDir = CrmHome.repoRoot().resolve(".crm");
        Path dist = crmDir.resolve("keycloak-" + version);
        Path built = dist.resolve(".devstack-built");
        try {
            Files.createDirectories(crmDir);
            try (FileChannel channel = FileChannel.open(crmDir.resolve("keycloak-" + version + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (Files.exists(built) && Files.readString(built).equals(BUILD_OPTIONS)) {
                    return dist;
                }
                Path zip = Path.of(CrmHome.build("keycloak.dist.zip"));
                if (!Files.exists(zip)) {
                    throw new IllegalStateException("Keycloak distribution not found at " + zip + ": build devstack (./mvnw -pl devstack install) to fetch it");
                }
                Files2.deleteRecursively(dist);
                unzip(zip, crmDir);
                Path log = crmDir.resolve("logs/keycloak-build.log");
                List<String> build = new java.util.ArrayList<>(List.of(dist.resolve("bin/kc.sh").toString(), "build"));
                build.addAll(List.of(BUILD_OPTIONS.split(" ")));
                ChildProcess.start("keycloak-build", build, javaEnv(Map.of()), dist, log, null).awaitExit(Duration.ofMinutes(5));
                Files.writeString(built, BUILD_OPTIONS);
                return dist;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Keycloak distribution in " + dist, e);
        }
    }

    private static Map<String, String> javaEnv(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // Java 25 prints a stack trace at shutdown without it
        env.put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        return env;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (entry.getName().endsWith(".sh")) {
                    target.toFile().setExecutable(true, false);
                }
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
