package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./crm backup}, {@code ./crm backup point} and {@code ./crm restore} (LocalBackups) on a base directory laid
 * out as ./crm up leaves it (data/postgres, pids/, endpoints.properties), with only the Postgres of that layout
 * running: the commands find it, refuse to restore while it runs, restore, keep the old data directory aside,
 * drop Connect's offsets and leave the catch-up mark for the next start.
 */
class LocalBackupsIT {

    private static final Path BASE = Path.of("target", "it", "local-backups").toAbsolutePath();

    private PostgresServer postgres;

    @AfterEach
    void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void backupPointAndRestoreFromTheCommandLine() throws Exception {
        Files2.deleteRecursively(BASE);
        Path data = BASE.resolve("data").resolve("postgres");
        PostgresBackup backups = new PostgresBackup(BASE.resolve("backups"));
        postgres = PostgresServer.start(data, 0, true, BASE.resolve("logs").resolve("postgres.log"),
                new PidRegistry(BASE.resolve("pids")), backups.archiveSettings());
        Properties endpoints = new Properties();
        endpoints.setProperty(LocalStackSettings.POSTGRES, postgres.jdbcUrl(""));
        try (var out = Files.newOutputStream(Devstack.endpointsFile(BASE))) {
            endpoints.store(out, null);
        }
        Path offsets = BASE.resolve("data").resolve("connect").resolve(KafkaConnect.OFFSETS_FILE);
        Files.createDirectories(offsets.getParent());
        Files.writeString(offsets, "positions of the old timeline");
        sql("CREATE TABLE note (body text)", "INSERT INTO note VALUES ('kept')");

        assertThat(LocalBackups.backup(BASE, List.of())).isZero();
        sql("INSERT INTO note VALUES ('after the backup')");
        assertThat(LocalBackups.backup(BASE, List.of("point", "drill"))).isZero();
        sql("INSERT INTO note VALUES ('after the point')");
        assertThat(LocalBackups.restore(BASE, List.of("drill"))).as("refused while Postgres runs").isEqualTo(1);

        postgres.close();
        postgres = null;
        assertThat(LocalBackups.restore(BASE, List.of("drill", "5"))).isZero();

        assertThat(offsets).doesNotExist();
        assertThat(BASE.resolve("data").resolve("postgres.before-restore")).isDirectory();
        assertThat(backups.pendingRestore()).hasValue(backups.restorePoint("drill").orElseThrow().createdAt()
                .minus(java.time.Duration.ofMinutes(5)));
        postgres = PostgresServer.start(data, 0, true, BASE.resolve("logs").resolve("postgres.log"), null, backups.archiveSettings());
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT string_agg(body, ',' ORDER BY body) FROM note")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("after the backup,kept");
        }
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "postgres");
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
