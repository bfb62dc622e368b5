package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The restore drill of docs/operations/backup-restore.md on a Postgres of its own (the devstack launcher's, with WAL
 * archiving on) holding two service databases: a ticket database (tickets + outbox, a Debezium-style replication
 * slot) and an analytics database (the platform inbox, processed_message, and a count per consumed event). Base
 * backup, more writes, a restore point, writes after it, the ticket database dropped; restored to the point, every
 * row written before the point is back in both databases, nothing written after it is, and the server takes writes
 * on its new timeline.
 */
class PostgresRestoreDrillIT {

    private static final Path DIR = Path.of("target", "it", "restore-drill").toAbsolutePath();

    private PostgresServer postgres;

    @AfterEach
    void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void restoresBothDatabasesToTheRestorePointAfterOneWasDropped() throws Exception {
        Files2.deleteRecursively(DIR);
        Path data = DIR.resolve("postgres");
        PostgresBackup backups = new PostgresBackup(DIR.resolve("backups"));
        postgres = PostgresServer.start(data, 0, false, backups.archiveSettings());
        int port = postgres.port();
        postgres.ensureDatabase("ticket", "ticket_service", "ticket_service");
        postgres.ensureDatabase("analytics", "analytics_service", "analytics_service");
        exec("ticket", "CREATE TABLE ticket (id uuid PRIMARY KEY, subject text NOT NULL)",
                "CREATE TABLE outbox (id uuid PRIMARY KEY, aggregateid text NOT NULL, payload jsonb NOT NULL)");
        exec("analytics", "CREATE TABLE processed_message (consumer_group varchar(100), message_id uuid, PRIMARY KEY (consumer_group, message_id))",
                "CREATE TABLE ticket_count (day date PRIMARY KEY, created int NOT NULL)");
        // what Debezium holds on a publishing service's database
        exec("ticket", "SELECT pg_create_logical_replication_slot('ticket_service_outbox', 'pgoutput')");

        List<UUID> beforeBackup = createTickets(10);
        PostgresBackup.BaseBackup base = backups.backup(postgres, data, "drill-base");
        assertThat(base.dir().resolve("backup_label")).content().contains("START WAL LOCATION");
        assertThat(base.dir().resolve("pg_replslot")).isEmptyDirectory();

        List<UUID> afterBackup = createTickets(10);
        PostgresBackup.RestorePoint point = backups.createRestorePoint(postgres, "before-disaster");
        List<UUID> afterPoint = createTickets(5);
        assertThat(ids("ticket", "SELECT id FROM ticket")).hasSize(25);

        // the disaster: the ticket database is gone
        exec("postgres", "DROP DATABASE ticket WITH (FORCE)");
        assertThatThrownBy(() -> ids("ticket", "SELECT id FROM ticket")).isInstanceOf(SQLException.class);

        postgres.close();
        postgres = null;
        PostgresBackup.BaseBackup used = backups.prepareRestore(data, point.name());
        assertThat(used.name()).isEqualTo("drill-base");
        postgres = PostgresServer.start(data, port, true, backups.archiveSettings());
        PostgresBackup.awaitRecovered(postgres, Duration.ofMinutes(2));

        List<UUID> upToPoint = new ArrayList<>(beforeBackup);
        upToPoint.addAll(afterBackup);
        // ticket-service's state and its outbox: everything written before the point, nothing after it
        assertThat(ids("ticket", "SELECT id FROM ticket")).containsExactlyInAnyOrderElementsOf(upToPoint);
        assertThat(ids("ticket", "SELECT id FROM outbox")).containsExactlyInAnyOrderElementsOf(upToPoint);
        // analytics-service's inbox and state went back to the same point, consistent with each other: an event
        // redelivered from Kafka after the restore finds its inbox row (applied once), one after the point does not
        assertThat(ids("analytics", "SELECT message_id FROM processed_message")).containsExactlyInAnyOrderElementsOf(upToPoint);
        assertThat(count("analytics", "SELECT sum(created) FROM ticket_count")).isEqualTo(upToPoint.size());
        assertThat(upToPoint).doesNotContainAnyElementsOf(afterPoint);
        // no replication slot came back: Debezium starts on a fresh slot and must not keep offsets from before
        assertThat(count("ticket", "SELECT count(*) FROM pg_replication_slots")).isZero();
        // promoted onto a new timeline, taking writes
        assertThat(count("postgres", "SELECT ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int")).isGreaterThan(1);
        createTickets(1);
        assertThat(ids("ticket", "SELECT id FROM ticket")).hasSize(21);
        assertThat(data.resolve("recovery.signal")).doesNotExist();
    }

    @Test
    void refusesAPointWithoutABaseBackupBeforeIt() throws Exception {
        Path dir = DIR.resolve("no-base");
        Files2.deleteRecursively(dir);
        PostgresBackup backups = new PostgresBackup(dir.resolve("backups"));
        postgres = PostgresServer.start(dir.resolve("postgres"), 0, false, backups.archiveSettings());
        backups.createRestorePoint(postgres, "too-early");
        backups.backup(postgres, dir.resolve("postgres"), "later");
        Path untouched = dir.resolve("other");
        Files.createDirectories(untouched);

        assertThatThrownBy(() -> backups.prepareRestore(untouched, "too-early"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no base backup was made before");
        assertThatThrownBy(() -> backups.prepareRestore(untouched, "nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no restore point named nope");
        assertThatThrownBy(() -> backups.createRestorePoint(postgres, "too-early"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists already");
        assertThat(untouched).exists();
    }

    /** A ticket with its outbox row in ticket's database; analytics consumes its event in one transaction. */
    private List<UUID> createTickets(int n) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection ticket = connect("ticket"); Connection analytics = connect("analytics")) {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                ticket.setAutoCommit(false);
                try (PreparedStatement t = ticket.prepareStatement("INSERT INTO ticket VALUES (?, ?)");
                     PreparedStatement o = ticket.prepareStatement("INSERT INTO outbox VALUES (?, ?, '{}'::jsonb)")) {
                    t.setObject(1, id);
                    t.setString(2, "subject " + i);
                    t.executeUpdate();
                    o.setObject(1, id);
                    o.setString(2, id.toString());
                    o.executeUpdate();
                }
                ticket.commit();
                analytics.setAutoCommit(false);
                try (PreparedStatement inbox = analytics.prepareStatement(
                        "INSERT INTO processed_message VALUES ('analytics-service', ?) ON CONFLICT DO NOTHING");
                     Statement count = analytics.createStatement()) {
                    inbox.setObject(1, id);
                    if (inbox.executeUpdate() == 1) {
                        count.executeUpdate("INSERT INTO ticket_count VALUES (current_date, 1) "
                                + "ON CONFLICT (day) DO UPDATE SET created = ticket_count.created + 1");
                    }
                }
                analytics.commit();
                ids.add(id);
            }
        }
        return ids;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.superUser(), postgres.superPassword());
    }

    private void exec(String database, String... statements) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private List<UUID> ids(String database, String query) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private long count(String database, String query) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
