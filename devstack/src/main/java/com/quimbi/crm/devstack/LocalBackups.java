package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;

/**
 * {@code ./crm backup} and {@code ./crm restore} on the local stack's embedded Postgres (.crm/data/postgres, WAL
 * archived into .crm/backups by ./crm up): docs/operations/backup-restore.md.
 */
final class LocalBackups {

    /** How far before the restore point consumer groups are rewound and outbox tails re-emitted, by default. */
    static final Duration DEFAULT_CATCH_UP = Duration.ofMinutes(15);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private LocalBackups() {
    }

    /** {@code backup [name]}, {@code backup point <name>}, {@code backup list}. */
    static int backup(Path base, List<String> args) {
        PostgresBackup backups = new PostgresBackup(base.resolve("backups"));
        if (!args.isEmpty() && args.getFirst().equals("list")) {
            return list(backups);
        }
        PostgresServer postgres;
        try {
            postgres = runningPostgres(base);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        if (!args.isEmpty() && args.getFirst().equals("point")) {
            if (args.size() < 2) {
                System.err.println("usage: ./crm backup point <name>");
                return 2;
            }
            PostgresBackup.RestorePoint point = backups.createRestorePoint(postgres, args.get(1));
            System.out.printf("restore point %s at %s (WAL %s, timeline %d): ./crm down && ./crm restore %s%n",
                    point.name(), point.createdAt(), point.lsn(), point.timeline(), point.name());
            return 0;
        }
        String name = args.isEmpty() ? STAMP.format(Instant.now()) : args.getFirst();
        long begin = System.nanoTime();
        PostgresBackup.BaseBackup backup = backups.backup(postgres, base.resolve("data").resolve("postgres"), name);
        backups.prune(PostgresBackup.KEEP_BASE_BACKUPS);
        System.out.printf("base backup %s in %s (%.1f s, stop WAL %s); the newest %d are kept%n", backup.name(), backup.dir(),
                (System.nanoTime() - begin) / 1e9, backup.stopLsn(), PostgresBackup.KEEP_BASE_BACKUPS);
        System.out.println("make a restore point to go back to: ./crm backup point <name>");
        return 0;
    }

    /** {@code restore <point> [catch-up minutes]}, with the stack down. */
    static int restore(Path base, List<String> args) {
        if (args.isEmpty()) {
            System.err.println("usage: ./crm restore <restore point> [catch-up minutes, default " + DEFAULT_CATCH_UP.toMinutes() + "]");
            return 2;
        }
        if (new PidRegistry(base).process("devstack").isPresent() || new PidRegistry(base.resolve("pids")).process("postgres").isPresent()) {
            System.err.println("the local stack is running: ./crm down first (the restore replaces Postgres's data directory)");
            return 1;
        }
        PostgresBackup backups = new PostgresBackup(base.resolve("backups"));
        Duration catchUp = args.size() > 1 ? Duration.ofMinutes(Long.parseLong(args.get(1))) : DEFAULT_CATCH_UP;
        PostgresBackup.RestorePoint point = backups.restorePoint(args.getFirst()).orElse(null);
        if (point == null) {
            System.err.println("no restore point named " + args.getFirst() + "; ./crm backup list");
            return 1;
        }
        Path data = base.resolve("data");
        Path current = data.resolve("postgres");
        Path aside = data.resolve("postgres.before-restore");
        try {
            // what is there now is kept once, in case the point was the wrong one
            Files2.deleteRecursively(aside);
            if (Files.exists(current)) {
                Files.move(current, aside);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresBackup.BaseBackup used = backups.prepareRestore(current, point.name());
        System.out.printf("replaying archived WAL from base backup %s to restore point %s (%s)...%n", used.name(), point.name(), point.createdAt());
        try (PostgresServer postgres = PostgresServer.start(current, 0, true, base.resolve("logs").resolve("postgres.log"), null,
                backups.archiveSettings())) {
            PostgresBackup.awaitRecovered(postgres, Duration.ofMinutes(10));
        }
        try {
            // WAL positions of the old timeline: Debezium would skip the restored server's first changes as sent
            Files.deleteIfExists(data.resolve("connect").resolve(KafkaConnect.OFFSETS_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant catchUpFrom = point.createdAt().minus(catchUp);
        backups.markPendingRestore(catchUpFrom);
        System.out.printf("restored to %s; the data directory before it is in %s%n", point.name(), aside);
        System.out.printf("the next ./crm up rewinds the consumer groups to %s and re-emits the outbox rows since then "
                + "(consumers skip what they have: platform inbox)%n", catchUpFrom);
        return 0;
    }

    private static int list(PostgresBackup backups) {
        System.out.println("base backups in " + backups.root().resolve("base") + ":");
        backups.baseBackups().forEach(b -> System.out.printf("  %-24s %s  stop WAL %s%n", b.name(), b.stoppedAt(), b.stopLsn()));
        System.out.println("restore points (./crm restore <name>):");
        backups.restorePoints().forEach(p -> System.out.printf("  %-24s %s  WAL %s  timeline %d%n", p.name(), p.createdAt(), p.lsn(), p.timeline()));
        return 0;
    }

    /** The stack's embedded Postgres, superuser, from the endpoints the supervisor wrote; archiving must be on. */
    private static PostgresServer runningPostgres(Path base) {
        Path endpointsFile = Devstack.endpointsFile(base);
        if (!Files.exists(endpointsFile)) {
            throw new IllegalStateException("the local stack is not running (./crm up)");
        }
        Properties endpoints = new Properties();
        try (var in = Files.newInputStream(endpointsFile)) {
            endpoints.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (new PidRegistry(base.resolve("pids")).process("postgres").isEmpty()) {
            throw new IllegalStateException("the stack's Postgres is not the embedded one (CRM_POSTGRES_URL): back it up with its own tools");
        }
        // jdbc:postgresql://localhost:54329/ ; the embedded server's superuser is postgres/postgres
        String jdbc = endpoints.getProperty(LocalStackSettings.POSTGRES);
        PostgresServer postgres = PostgresServer.external("postgresql://postgres:postgres@" + jdbc.substring("jdbc:postgresql://".length()));
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.superUser(), postgres.superPassword());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW archive_mode")) {
            rs.next();
            if (!"on".equals(rs.getString(1))) {
                throw new IllegalStateException("WAL archiving is off in the running Postgres: ./crm down && ./crm up turns it on");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the stack's Postgres at " + jdbc + ": " + e.getMessage(), e);
        }
        return postgres;
    }
}
