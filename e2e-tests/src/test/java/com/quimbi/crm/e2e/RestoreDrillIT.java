package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;
import com.quimbi.crm.devstack.PostgresBackup;
import com.quimbi.crm.devstack.PostgresServer;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

/**
 * The restore drill of docs/operations/backup-restore.md against a local stack of its own (ticket-service publishing,
 * analytics-service consuming, the real Postgres with WAL archiving, Kafka, Connect + Debezium, Keycloak): tickets,
 * a base backup, more tickets, the outbox relay down while two more are opened, a restore point, the ticket database
 * dropped; then {@link LocalStack#restorePostgres}. Every ticket opened before the point is back, analytics counts
 * each exactly once (the ones it never received arrive through the re-emitted outbox tail, the ones it had are
 * skipped by its inbox), and a ticket opened after the restore flows through the new timeline's fresh slot.
 * Its own stack, not E2eStack's: the restore stops and starts every service, Connect and Postgres.
 */
class RestoreDrillIT {

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(LocalStackSettings.builder()
                .baseDir(Path.of("target", "restore-drill-stack").toAbsolutePath())
                .keepData(false)
                .freePorts()
                .walArchive(true)
                .serviceReadyTimeout(Duration.ofMinutes(6))
                .services("ticket-service", "analytics-service")
                .build());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aDroppedTicketDatabaseIsRestoredToTheRestorePointAndAnalyticsCountsEveryTicketOnce() throws Exception {
        Api agent = Api.at(stack.serviceUrl("ticket-service")).as(DemoUser.AGENT.token(stack.keycloak()));
        List<String> tickets = new ArrayList<>();

        tickets.addAll(open(agent, 4, "before the backup"));
        awaitAnalyticsTotal(4);
        PostgresBackup.BaseBackup base = stack.backupPostgres("drill");
        assertThat(base.dir()).isDirectory();

        tickets.addAll(open(agent, 3, "after the backup"));
        awaitAnalyticsTotal(7);
        // an incident in progress: the outbox relay is down, so these two never reach Kafka before the disaster
        stack.connect().close();
        tickets.addAll(open(agent, 2, "while the relay is down"));
        stack.backups().createRestorePoint(stack.postgres(), "before-drop");

        // the disaster (it takes the relay's slot with it: DROP DATABASE drops a database's inactive slots)
        superuser("postgres", "DROP DATABASE ticket WITH (FORCE)");
        assertThat(count("postgres", "SELECT count(*) FROM pg_database WHERE datname = 'ticket'")).isZero();

        stack.restorePostgres("before-drop", Duration.ofMinutes(10));

        // nothing written before the point is lost (fresh token: the services restarted, Keycloak did not)
        agent = Api.at(stack.serviceUrl("ticket-service")).as(DemoUser.AGENT.token(stack.keycloak()));
        for (String id : tickets) {
            assertThat(agent.get("/api/tickets/" + id).status()).as("ticket %s", id).isEqualTo(200);
        }
        // analytics catches up with the two it never got (re-emitted outbox tail), and counts none twice although
        // its group was rewound and the tail re-sent the seven it had
        awaitAnalyticsTotal(9);
        // the relay works on the restored server's new timeline, through a fresh slot
        tickets.addAll(open(agent, 1, "after the restore"));
        awaitAnalyticsTotal(10);
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(analyticsTotal()).as("no event applied twice").isEqualTo(10));
    }

    private static List<String> open(Api agent, int n, String when) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Api.Reply created = agent.post("/api/tickets", """
                    {"subject":"Restore drill %d (%s)","description":"Opened %s.",
                     "priority":"normal","channel":"email","customerEmail":"drill@example.com"}""".formatted(i, when, when));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            ids.add(created.json().path("id").asString());
        }
        return ids;
    }

    private static void awaitAnalyticsTotal(long expected) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(analyticsTotal()).isEqualTo(expected));
    }

    private static long analyticsTotal() {
        Api supervisor = Api.at(stack.serviceUrl("analytics-service")).as(DemoUser.SUPERVISOR.token(stack.keycloak()));
        Api.Reply summary = supervisor.get("/api/analytics/tickets/summary");
        assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
        return summary.json().path("total").asLong();
    }

    private static void superuser(String database, String sql) throws Exception {
        PostgresServer postgres = stack.postgres();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.superUser(), postgres.superPassword());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String database, String sql) throws Exception {
        PostgresServer postgres = stack.postgres();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.superUser(), postgres.superPassword());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
