package com.quimbi.crm.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends a service's outbox rows since a time again, after a restore (docs/operations/backup-restore.md): the rows are
 * deleted and inserted again in one transaction, so Debezium's slot sees new inserts with the same event ids (the
 * Outbox Event Router ignores the deletes, as it does OutboxPurge's). Consumers skip the events they already have by
 * id (platform inbox); the ones the relay never sent before the disaster reach them now.
 */
final class OutboxTail {

    private OutboxTail() {
    }

    /**
     * @param database a publishing service's database, whose connector is running (its slot must exist, or the
     *                 inserts happen before the position it starts from)
     * @return rows re-emitted
     */
    static int reemit(PostgresServer postgres, String database, Instant since) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.superUser(), postgres.superPassword())) {
            awaitSlot(c, Duration.ofSeconds(90));
            try (PreparedStatement tail = c.prepareStatement(
                    "WITH tail AS (DELETE FROM outbox WHERE occurredat >= ? RETURNING *) INSERT INTO outbox SELECT * FROM tail")) {
                tail.setTimestamp(1, Timestamp.from(since));
                return tail.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-emit the outbox of " + database + " since " + since, e);
        }
    }

    /** Waits for a logical slot on this database (the publishing service's connector creates one when it starts). */
    private static void awaitSlot(Connection c, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM pg_replication_slots WHERE database = current_database() AND slot_type = 'logical'")) {
            while (true) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no replication slot on " + c.getCatalog() + " after " + timeout
                            + ": is its outbox connector running?");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
