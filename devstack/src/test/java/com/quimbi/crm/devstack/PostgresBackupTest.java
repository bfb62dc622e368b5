package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBackupTest {

    @TempDir
    Path dir;

    @Test
    void pruneKeepsTheNewestBaseBackupsAndTheWalTheyNeed() throws Exception {
        PostgresBackup backups = new PostgresBackup(dir);
        base("b1", "2026-12-07T10:00:00Z", "000000010000000000000002");
        base("b2", "2026-12-07T11:00:00Z", "000000010000000000000005");
        base("b3", "2026-12-07T12:00:00Z", "000000020000000000000007");
        Files.createDirectories(backups.walArchive());
        for (String segment : new String[] {"000000010000000000000002", "000000010000000000000004", "000000010000000000000005",
                "000000010000000000000006", "000000020000000000000007", "00000002.history"}) {
            Files.writeString(backups.walArchive().resolve(segment), "");
        }
        Properties points = new Properties();
        points.setProperty("early", Instant.parse("2026-12-07T10:30:00Z").toEpochMilli() + ",0/4000000,1");
        points.setProperty("late", Instant.parse("2026-12-07T11:30:00Z").toEpochMilli() + ",0/6000000,1");
        try (var out = Files.newOutputStream(dir.resolve("restore-points.properties"))) {
            points.store(out, null);
        }

        backups.prune(2);

        assertThat(backups.baseBackups()).extracting(PostgresBackup.BaseBackup::name).containsExactly("b2", "b3");
        try (var files = Files.list(backups.walArchive())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("000000010000000000000005",
                    "000000010000000000000006", "000000020000000000000007", "00000002.history");
        }
        assertThat(backups.restorePoints()).extracting(PostgresBackup.RestorePoint::name).containsExactly("late");
    }

    @Test
    void withoutABaseBackupTheArchivedWalIsDropped() throws Exception {
        PostgresBackup backups = new PostgresBackup(dir);
        Files.createDirectories(backups.walArchive());
        Files.writeString(backups.walArchive().resolve("000000010000000000000003"), "");

        backups.prune(3);

        assertThat(backups.walArchive()).isEmptyDirectory();
    }

    @Test
    void namesAndPathsThatWouldBreakTheShellCommandsAreRefused() {
        assertThatThrownBy(() -> new PostgresBackup(dir.resolve("it's"))).isInstanceOf(IllegalArgumentException.class);
        // a restore point's name ends up in postgresql.auto.conf (recovery_target_name = '...')
        assertThatThrownBy(() -> new PostgresBackup(dir).createRestorePoint(null, "x'; DROP"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("letters, digits");
        assertThat(new PostgresBackup(dir).archiveSettings().get("archive_command"))
                .startsWith("\"cp %p '" + dir.toAbsolutePath()).endsWith("/%f\"");
    }

    private void base(String name, String stoppedAt, String startWalFile) throws Exception {
        Path base = dir.resolve("base").resolve(name);
        Files.createDirectories(base);
        Properties meta = new Properties();
        meta.setProperty("name", name);
        meta.setProperty("stoppedAt", stoppedAt);
        meta.setProperty("stopLsn", "0/0");
        meta.setProperty("startWalFile", startWalFile);
        try (var out = Files.newOutputStream(base.resolve("backup.properties"))) {
            meta.store(out, null);
        }
    }
}
