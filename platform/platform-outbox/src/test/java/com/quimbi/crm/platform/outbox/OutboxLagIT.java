package com.quimbi.crm.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.quimbi.crm.test.TestInfrastructure;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The relay lag as a service sees it, against a real logical replication slot that the test moves by hand. */
class OutboxLagIT {

    static final String SLOT = "lag_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_outbox";

    static JdbcTemplate jdbc;
    static SimpleMeterRegistry meters = new SimpleMeterRegistry();
    static OutboxLag lag;

    @BeforeAll
    static void database() throws IOException {
        TestInfrastructure.Database database = TestInfrastructure.freshDatabase();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        try (InputStream in = OutboxWriter.class.getResourceAsStream("/db/migration/V0_1_0__platform_outbox.sql")) {
            jdbc.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        jdbc.queryForList("SELECT pg_create_logical_replication_slot(?, 'pgoutput')", SLOT);
        lag = new OutboxLag(jdbc, SLOT, meters);
    }

    @AfterAll
    static void dropSlot() {
        // a forgotten slot would hold the shared test server's WAL for good
        jdbc.queryForList("SELECT pg_drop_replication_slot(?)", SLOT);
    }

    static double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    @Test
    void rowsTheSlotHasNotPassedAgeUntilTheRelayConfirmsThem() throws InterruptedException {
        lag.measure();
        assertThat(gauge("crm_outbox_unrelayed_age_seconds")).isZero();
        assertThat(gauge("crm_outbox_slot_active")).isZero();

        jdbc.update("INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, occurredat) "
                + "VALUES (?, 'ticket', 't-1', 'ticket.created', '{}'::jsonb, ?)", UUID.randomUUID(),
                Timestamp.from(Instant.now()));
        Thread.sleep(1_200);
        lag.measure();
        assertThat(gauge("crm_outbox_unrelayed_age_seconds")).isGreaterThanOrEqualTo(1.0);
        assertThat(gauge("crm_outbox_slot_lag_bytes")).isPositive();

        jdbc.queryForList("SELECT pg_replication_slot_advance(?, pg_current_wal_lsn())", SLOT);
        lag.measure();
        lag.measure();
        assertThat(gauge("crm_outbox_unrelayed_age_seconds")).isZero();
    }

    @Test
    void walPositionsAreReadAsSixtyFourBitNumbers() {
        assertThat(OutboxLag.lsn("0/16B3748")).isEqualTo(0x16B3748L);
        assertThat(OutboxLag.lsn("16/B374D848")).isEqualTo((0x16L << 32) | 0xB374D848L);
        assertThat(OutboxLag.slotOf("quimbi-adapter")).isEqualTo("quimbi_adapter_outbox");
    }
}
