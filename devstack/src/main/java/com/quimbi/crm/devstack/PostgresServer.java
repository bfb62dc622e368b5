package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** PostgreSQL 17 (zonky embedded binaries) with logical decoding on, or an external server. */
public final class PostgresServer implements AutoCloseable {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private PidRegistry pids;
    /** The postmaster of an embedded server, when its pid file could be read. */
    private java.util.Optional<ProcessHandle> postmaster = java.util.Optional.empty();
    private final String superUser;
    private final String superPassword;

    private PostgresServer(EmbeddedPostgres embedded, String host, int port, String superUser, String superPassword) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.superUser = superUser;
        this.superPassword = superPassword;
    }

    /**
     * @param keepData true: {@code dataDir} is reused as it is across runs; false: it is emptied first and
     *                 deleted on close
     */
    public static PostgresServer start(Path dataDir, int port, boolean keepData) {
        return start(dataDir, port, keepData, Map.of());
    }

    /** @param config more server settings, e.g. {@link PostgresBackup#archiveSettings()} */
    public static PostgresServer start(Path dataDir, int port, boolean keepData, Map<String, String> config) {
        return start(dataDir, port, keepData, dataDir.resolveSibling(dataDir.getFileName() + ".log"), null, config);
    }

    static PostgresServer start(Path dataDir, int port, boolean keepData, Path logFile, PidRegistry pids) {
        return start(dataDir, port, keepData, logFile, pids, Map.of());
    }

    static PostgresServer start(Path dataDir, int port, boolean keepData, Path logFile, PidRegistry pids,
            Map<String, String> config) {
        int actualPort = Ports.requireFree(Ports.orFree(port), "postgres");
        try {
            if (!keepData) {
                Files2.deleteRecursively(dataDir);
            }
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            config.forEach(builder::setServerConfig);
            EmbeddedPostgres embedded = builder
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!keepData)
                    .setPort(actualPort)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("listen_addresses", "localhost")
                    // zonky turns synchronous_commit off (commits don't wait for the disk: keep it, an fsync per
                    // commit made p95 of a ticket create 1.2 s on these VMs), so WAL reaches Debezium when the WAL
                    // writer flushes it: every wal_writer_delay, 200 ms by default, which was most of the outbox
                    // relay's lag. Flushing every 10 ms keeps both fast (ADR 0002).
                    .setServerConfig("wal_writer_delay", "10ms")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // devstack's Reaper stops it, ordered after the services that use it
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
            PostgresServer server = new PostgresServer(embedded, "localhost", actualPort, "postgres", "postgres");
            server.postmaster = postmaster(dataDir);
            if (pids != null) {
                server.postmaster.ifPresent(p -> pids.register("postgres", p));
                server.pids = pids;
            }
            Reaper.register(server);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + actualPort + " (log: " + logFile + ")", e);
        }
    }

    /** An already running server, from {@code postgresql://user:password@host:port} (CRM_POSTGRES_URL). */
    public static PostgresServer external(String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || uri.getUserInfo() == null || !uri.getScheme().startsWith("postgres")) {
            throw new IllegalArgumentException("expected postgresql://user:password@host:port, got " + url);
        }
        String[] user = uri.getUserInfo().split(":", 2);
        return new PostgresServer(null, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432,
                URLDecoder.decode(user[0], StandardCharsets.UTF_8),
                user.length > 1 ? URLDecoder.decode(user[1], StandardCharsets.UTF_8) : "");
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String superUser() {
        return superUser;
    }

    public String superPassword() {
        return superPassword;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Idempotent: a LOGIN REPLICATION role (Debezium needs a replication slot) owning {@code database}. */
    public void ensureDatabase(String database, String role, String password) {
        requireIdentifier(database);
        requireIdentifier(role);
        String quotedPassword = "'" + password.replace("'", "''") + "'";
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), superUser, superPassword);
             Statement s = c.createStatement()) {
            boolean roleExists;
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                q.setString(1, role);
                try (ResultSet rs = q.executeQuery()) {
                    roleExists = rs.next();
                }
            }
            s.execute((roleExists ? "ALTER" : "CREATE") + " ROLE \"" + role + "\" LOGIN REPLICATION PASSWORD " + quotedPassword);
            boolean databaseExists;
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                q.setString(1, database);
                try (ResultSet rs = q.executeQuery()) {
                    databaseExists = rs.next();
                }
            }
            if (databaseExists) {
                s.execute("ALTER DATABASE \"" + database + "\" OWNER TO \"" + role + "\"");
            } else {
                s.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + role + "\"");
            }
        } catch (SQLException e) {
            // two callers racing on the same name: the other one created it, which is all we wanted
            if (!"42P04".equals(e.getSQLState()) && !"42710".equals(e.getSQLState())) {
                throw new IllegalStateException("cannot create database " + database + " / role " + role + " on " + jdbcUrl("postgres"), e);
            }
        }
    }

    /** Tells servers apart (a wiped data dir is a new server): the cluster's system identifier. */
    String identity() {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), superUser, superPassword);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT system_identifier FROM pg_control_system()")) {
            rs.next();
            return host + ":" + port + "/" + rs.getLong(1);
        } catch (SQLException e) {
            return host + ":" + port;
        }
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case SQL identifier: " + name);
        }
    }

    /**
     * After a crash of the postmaster its children (backends, WAL writer, …) exit by themselves within moments; until
     * they have, a new postmaster on the same data directory refuses to start ("pre-existing shared memory block is
     * still in use"), and zonky keeps the data directory's lock of a start that failed. So wait until no process is
     * attached to the old server's SysV segment (its id is in postmaster.pid; Linux's /proc/sysvipc/shm lists who is
     * attached). Elsewhere, or without a pid file, there is nothing to wait for.
     */
    static void awaitCrashedServerGone(Path dataDir, Duration timeout) {
        Path shm = Path.of("/proc/sysvipc/shm");
        try {
            List<String> pidFile = Files.exists(dataDir.resolve("postmaster.pid"))
                    ? Files.readAllLines(dataDir.resolve("postmaster.pid")) : List.of();
            String[] segment = pidFile.size() > 6 ? pidFile.get(6).trim().split("\\s+") : new String[0];
            if (segment.length < 2 || !Files.exists(shm)) {
                return;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                // columns: key shmid perms size cpid lpid nattch ...
                boolean attached = Files.readAllLines(shm).stream().map(line -> line.trim().split("\\s+"))
                        .anyMatch(c -> c.length > 6 && c[1].equals(segment[1]) && !c[6].equals("0"));
                if (!attached) {
                    return;
                }
                ChildProcess.sleep(Duration.ofMillis(200));
            }
        } catch (IOException e) {
            // nothing to learn from: the start says what is wrong, if anything
        }
    }

    private static java.util.Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            String first = Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim();
            return ProcessHandle.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The postmaster's pid (-1 when unknown or external): drills stop it; the supervisor starts it again. */
    public long pid() {
        return postmaster.map(ProcessHandle::pid).orElse(-1L);
    }

    /** An embedded server whose postmaster still runs (an external one is not ours to watch: always true). */
    public boolean isAlive() {
        return embedded == null || postmaster.map(ProcessHandle::isAlive).orElse(true);
    }

    /**
     * Stops it (if it still runs) and releases the data directory without deleting it, whatever {@code keepData} said
     * at the start: the supervisor starts the same cluster again after a crash. zonky deletes a "clean" data directory
     * on close unless its no-cleanup property is set.
     */
    void closeKeepingData() {
        synchronized (PostgresServer.class) {
            String before = System.getProperty(NO_CLEANUP);
            System.setProperty(NO_CLEANUP, "true");
            try {
                close();
            } finally {
                if (before == null) {
                    System.clearProperty(NO_CLEANUP);
                } else {
                    System.setProperty(NO_CLEANUP, before);
                }
            }
        }
    }

    private static final String NO_CLEANUP = "ot.epg.no-cleanup";

    @Override
    public void close() {
        Reaper.unregister(this);
        if (pids != null) {
            pids.unregister("postgres");
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String toString() {
        return "postgres on " + host + ":" + port;
    }
}
