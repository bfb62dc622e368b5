package com.quimbi.crm.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Physical backups and point-in-time recovery of the embedded Postgres, with nothing but the {@code postgres} binary
 * (this machine has no {@code pg_dump} 17): WAL segments are archived by {@code archive_command} into
 * {@code <root>/wal}; a base backup is a copy of the data directory between {@code pg_backup_start} and
 * {@code pg_backup_stop} (the low-level API, PostgreSQL docs §25.3.4) plus the {@code backup_label} that stop
 * returns; a restore point is {@code pg_create_restore_point}. Restoring puts a base backup in place of the data
 * directory with {@code recovery.signal}, a {@code restore_command} reading the archive and
 * {@code recovery_target_name}: the next start replays the archived WAL up to the point and promotes.
 * docs/operations/backup-restore.md.
 *
 * <pre>
 * root/wal/000000010000000000000003      archived WAL (and timeline .history files)
 * root/base/&lt;name&gt;/...                   a base backup: the data directory + backup_label + backup.properties
 * root/restore-points.properties         name = epoch millis,LSN,timeline
 * </pre>
 */
public final class PostgresBackup {

    /** Base backups kept by {@link #prune}; WAL older than the oldest kept one goes with them. */
    public static final int KEEP_BASE_BACKUPS = 3;

    private static final String PENDING_RESTORE = "pending-restore";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern WAL_SEGMENT = Pattern.compile("[0-9A-F]{24}");
    private static final Pattern START_WAL_FILE = Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");
    /**
     * Not copied (what pg_basebackup leaves out too): WAL comes from the archive; replication slots would hold WAL
     * and carry the Debezium positions of a server that no longer exists (a restored server gets fresh ones); the
     * rest is runtime state rebuilt at start. epg-lock is zonky's lock file.
     */
    private static final Set<String> EMPTIED_DIRS = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial",
            "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "backup_label.old",
            "current_logfiles", "recovery.signal", "standby.signal");

    private final Path root;

    public PostgresBackup(Path root) {
        this.root = root.toAbsolutePath();
        if (this.root.toString().matches(".*[\"$`\\\\'].*")) {
            throw new IllegalArgumentException("the backup directory's path must not contain \", $, `, \\ or ': " + this.root);
        }
    }

    public Path root() {
        return root;
    }

    public Path walArchive() {
        return root.resolve("wal");
    }

    /**
     * Server settings that archive every finished WAL segment into {@link #walArchive()} (copy, then rename: a
     * segment archived twice after a crash is simply replaced). archive_mode needs a restart to change, so it is
     * given at start.
     */
    public Map<String, String> archiveSettings() {
        try {
            Files.createDirectories(walArchive());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String dir = shellQuoted(walArchive().toString());
        String command = "cp %p " + dir + "/%f.tmp && mv -f " + dir + "/%f.tmp " + dir + "/%f";
        // zonky hands the settings to pg_ctl -o, which pastes them into a shell command line: the double quotes
        // keep the value one word there (walArchive() has no character special inside them, see the constructor)
        return Map.of("archive_mode", "on", "archive_command", '"' + command + '"');
    }

    /** What a base backup is: its name, when it ended, and the WAL segment replay must start from. */
    public record BaseBackup(String name, Instant stoppedAt, String stopLsn, String startWalFile, Path dir) {
    }

    /** A named position in the WAL, from {@code pg_create_restore_point}. */
    public record RestorePoint(String name, Instant createdAt, String lsn, int timeline) {
    }

    /**
     * A base backup of the running {@code server}, whose data directory is {@code dataDir}: the copy is fuzzy
     * (the server keeps writing), the WAL archived from pg_backup_start to pg_backup_stop makes it consistent.
     */
    public BaseBackup backup(PostgresServer server, Path dataDir, String name) {
        requireName(name);
        Path target = root.resolve("base").resolve(name);
        if (Files.exists(target)) {
            throw new IllegalArgumentException("a base backup named " + name + " exists already: " + target);
        }
        Path partial = root.resolve("base").resolve(name + ".partial");
        Files2.deleteRecursively(partial);
        try (Connection c = superuser(server); Statement s = c.createStatement()) {
            // non-exclusive: the backup belongs to this session, which must stay open until pg_backup_stop
            try (PreparedStatement start = c.prepareStatement("SELECT pg_backup_start(?, true)")) {
                start.setString(1, "crm " + name);
                start.execute();
            }
            copyDataDirectory(dataDir, partial);
            // waits until the last segment the backup needs is archived (wait_for_archive = true)
            try (ResultSet rs = s.executeQuery("SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(true)")) {
                rs.next();
                String stopLsn = rs.getString(1);
                Files.writeString(partial.resolve("backup_label"), rs.getString(2));
                String spcmap = rs.getString(3);
                if (spcmap != null && !spcmap.isEmpty()) {
                    Files.writeString(partial.resolve("tablespace_map"), spcmap);
                }
                Matcher start = START_WAL_FILE.matcher(rs.getString(2));
                if (!start.find()) {
                    throw new IllegalStateException("unexpected backup_label: " + rs.getString(2));
                }
                Instant stoppedAt = Instant.now();
                Properties meta = new Properties();
                meta.setProperty("name", name);
                meta.setProperty("stoppedAt", stoppedAt.toString());
                meta.setProperty("stopLsn", stopLsn);
                meta.setProperty("startWalFile", start.group(1));
                meta.setProperty("server", server.identity());
                try (var out = Files.newOutputStream(partial.resolve("backup.properties"))) {
                    meta.store(out, "written by devstack PostgresBackup");
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                return new BaseBackup(name, stoppedAt, stopLsn, start.group(1), target);
            }
        } catch (SQLException | IOException e) {
            Files2.deleteRecursively(partial);
            throw new IllegalStateException("base backup " + name + " of " + server + " failed", e);
        }
    }

    /**
     * A named restore point, made now; its WAL segment is switched and archived before this returns, so the point is
     * restorable at once (otherwise it would wait in the current segment until 16 MB of WAL filled it).
     */
    public RestorePoint createRestorePoint(PostgresServer server, String name) {
        requireName(name);
        if (restorePoint(name).isPresent()) {
            throw new IllegalArgumentException("a restore point named " + name + " exists already (recovery stops at the first of a name)");
        }
        try (Connection c = superuser(server); Statement s = c.createStatement()) {
            String lsn;
            try (PreparedStatement point = c.prepareStatement("SELECT pg_create_restore_point(?)::text")) {
                point.setString(1, name);
                try (ResultSet rs = point.executeQuery()) {
                    rs.next();
                    lsn = rs.getString(1);
                }
            }
            Instant at = Instant.now();
            String segment;
            try (ResultSet rs = s.executeQuery("SELECT pg_walfile_name(pg_switch_wal())")) {
                rs.next();
                segment = rs.getString(1);
            }
            awaitArchived(segment, Duration.ofSeconds(60));
            RestorePoint point = new RestorePoint(name, at, lsn, Integer.parseInt(segment.substring(0, 8), 16));
            Properties points = points();
            points.setProperty(name, at.toEpochMilli() + "," + lsn + "," + point.timeline());
            storePoints(points);
            return point;
        } catch (SQLException e) {
            throw new IllegalStateException("restore point " + name + " on " + server + " failed", e);
        }
    }

    /**
     * Replaces {@code dataDir} (its server must be stopped) with the newest base backup made before the restore point
     * {@code pointName}, set up to replay the archive up to that point and promote at the next start (then
     * {@link #awaitRecovered}).
     */
    public BaseBackup prepareRestore(Path dataDir, String pointName) {
        RestorePoint point = restorePoint(pointName).orElseThrow(() -> new IllegalArgumentException(
                "no restore point named " + pointName + " (known: " + String.join(", ", restorePoints().stream().map(RestorePoint::name).toList()) + ")"));
        BaseBackup base = baseBackups().stream()
                .filter(b -> b.stoppedAt().isBefore(point.createdAt()))
                .max(Comparator.comparing(BaseBackup::stoppedAt))
                .orElseThrow(() -> new IllegalStateException("no base backup was made before restore point " + pointName
                        + " (" + point.createdAt() + "): a point-in-time restore replays WAL forwards from a base backup"));
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            throw new IllegalStateException(dataDir + " is in use by a running server (postmaster.pid): stop it first");
        }
        Files2.deleteRecursively(dataDir);
        try {
            copyTree(base.dir(), dataDir, Set.of("backup.properties"));
            // postgresql.auto.conf is read after postgresql.conf; settings given at start (-c) would win over it, and
            // devstack gives none of these. The server removes recovery.signal when it promotes.
            String recovery = "\n# written by devstack PostgresBackup: restore to the point " + point.name() + "\n"
                    + "restore_command = '" + ("cp " + shellQuoted(walArchive().toString()) + "/%f %p").replace("'", "''") + "'\n"
                    + "recovery_target_name = '" + point.name() + "'\n"
                    + "recovery_target_timeline = '" + point.timeline() + "'\n"
                    + "recovery_target_action = 'promote'\n";
            Files.writeString(dataDir.resolve("postgresql.auto.conf"), recovery, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Files.createFile(dataDir.resolve("recovery.signal"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + base.dir() + " into " + dataDir, e);
        }
        return base;
    }

    /** Waits until a server started on a prepared data directory has replayed to its target and promoted. */
    public static void awaitRecovered(PostgresServer server, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = superuser(server); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
            } catch (SQLException e) {
                // still starting: pg_ctl returns once connections are accepted, recovery may go on behind them
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(server + " did not finish recovery within " + timeout + " (see its log)");
            }
            sleep(200);
        }
    }

    /**
     * Marks a restore done with the stack down (./crm restore): the next start rewinds the consumer groups to
     * {@code catchUpFrom} and re-emits the outbox tails since then (LocalStack), then clears the mark.
     */
    public void markPendingRestore(Instant catchUpFrom) {
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve(PENDING_RESTORE), catchUpFrom.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Instant> pendingRestore() {
        Path file = root.resolve(PENDING_RESTORE);
        try {
            return Files.exists(file) ? Optional.of(Instant.parse(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void clearPendingRestore() {
        try {
            Files.deleteIfExists(root.resolve(PENDING_RESTORE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<BaseBackup> baseBackups() {
        Path base = root.resolve("base");
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        List<BaseBackup> backups = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(base)) {
            for (Path dir : dirs.filter(d -> Files.exists(d.resolve("backup.properties"))).toList()) {
                Properties meta = new Properties();
                try (var in = Files.newInputStream(dir.resolve("backup.properties"))) {
                    meta.load(in);
                }
                backups.add(new BaseBackup(meta.getProperty("name"), Instant.parse(meta.getProperty("stoppedAt")),
                        meta.getProperty("stopLsn"), meta.getProperty("startWalFile"), dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        backups.sort(Comparator.comparing(BaseBackup::stoppedAt));
        return backups;
    }

    public List<RestorePoint> restorePoints() {
        Properties points = points();
        List<RestorePoint> list = new ArrayList<>();
        for (String name : points.stringPropertyNames()) {
            String[] v = points.getProperty(name).split(",");
            list.add(new RestorePoint(name, Instant.ofEpochMilli(Long.parseLong(v[0])), v[1], Integer.parseInt(v[2])));
        }
        list.sort(Comparator.comparing(RestorePoint::createdAt));
        return list;
    }

    public Optional<RestorePoint> restorePoint(String name) {
        return restorePoints().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Keeps the newest {@code keep} base backups; deletes older ones, the WAL segments before the oldest kept one's
     * start (compared without the timeline, as pg_archivecleanup does) and restore points made before it. Without
     * any base backup the archive restores nothing, so every segment goes (not while a backup runs: call it then).
     */
    public void prune(int keep) {
        List<BaseBackup> backups = baseBackups();
        String keepFrom;
        if (backups.isEmpty()) {
            keepFrom = "~";
        } else if (backups.size() > keep) {
            BaseBackup oldestKept = backups.get(backups.size() - keep);
            backups.subList(0, backups.size() - keep).forEach(b -> Files2.deleteRecursively(b.dir()));
            keepFrom = oldestKept.startWalFile().substring(8);
        } else {
            keepFrom = backups.getFirst().startWalFile().substring(8);
        }
        if (Files.isDirectory(walArchive())) {
            try (Stream<Path> files = Files.list(walArchive())) {
                for (Path f : files.toList()) {
                    String n = f.getFileName().toString();
                    if (WAL_SEGMENT.matcher(n).matches() && n.substring(8).compareTo(keepFrom) < 0) {
                        Files.deleteIfExists(f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        java.time.Instant oldest = backups.isEmpty() ? Instant.MAX : baseBackups().getFirst().stoppedAt();
        Properties points = points();
        restorePoints().stream().filter(p -> p.createdAt().isBefore(oldest)).forEach(p -> points.remove(p.name()));
        if (!points.isEmpty() || Files.exists(root.resolve("restore-points.properties"))) {
            storePoints(points);
        }
    }

    private void awaitArchived(String segment, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(walArchive().resolve(segment))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("WAL segment " + segment + " was not archived into " + walArchive()
                        + " within " + timeout + ": is the server running with archiveSettings()?");
            }
            sleep(100);
        }
    }

    /** The live data directory, without what {@link #EMPTIED_DIRS} and {@link #SKIPPED_FILES} name. */
    private static void copyDataDirectory(Path dataDir, Path target) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            all = walk.toList();
        }
        for (Path p : all) {
            Path relative = dataDir.relativize(p);
            if (relative.getNameCount() == 0) {
                Files.createDirectories(target);
                continue;
            }
            String top = relative.getName(0).toString();
            String file = p.getFileName().toString();
            boolean inEmptied = EMPTIED_DIRS.contains(top) && relative.getNameCount() > 1;
            if (inEmptied || SKIPPED_FILES.contains(file) || file.startsWith("pgsql_tmp") || file.equals("pg_internal.init")) {
                continue;
            }
            Path to = target.resolve(relative.toString());
            try {
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            } catch (NoSuchFileException | FileAlreadyExistsException gone) {
                // a file the server removed while we copied (a dropped relation, a temp file): WAL replay accounts for it
            }
        }
        Files.createDirectories(target.resolve("pg_wal").resolve("archive_status"));
    }

    private static void copyTree(Path source, Path target, Set<String> skip) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path relative = source.relativize(p);
                if (relative.getNameCount() > 0 && skip.contains(relative.toString())) {
                    continue;
                }
                Path to = target.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        // initdb made it 0700 and the postmaster refuses a data directory others can read
        try {
            Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing to tighten
        }
    }

    private Properties points() {
        Properties points = new Properties();
        Path file = root.resolve("restore-points.properties");
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                points.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return points;
    }

    private void storePoints(Properties points) {
        try {
            Files.createDirectories(root);
            try (var out = Files.newOutputStream(root.resolve("restore-points.properties"))) {
                points.store(out, "restore points: name = epoch millis,LSN,timeline (devstack PostgresBackup)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Connection superuser(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), server.superUser(), server.superPassword());
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a backup or restore point name is letters, digits, '.', '_' or '-' (up to 63): " + name);
        }
    }

    private static String shellQuoted(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
