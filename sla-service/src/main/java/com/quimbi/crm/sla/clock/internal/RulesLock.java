package com.quimbi.crm.sla.clock.internal;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A transaction-scoped Postgres advisory lock around "the rules" (policies and calendars) as the clocks see them.
 * Every recomputation of a ticket holds it shared; a policy or calendar write holds it exclusively while it marks
 * the open clocks due. So no recomputation that read the old rules can commit after the marking (it either
 * finished before, or waits and then reads the new rules), and nothing is missed. Taken after the ticket's row
 * lock and before any clock row is written, and the writer touches only clock rows: no deadlock.
 */
@Repository
public class RulesLock {

    /** "SLARULES" */
    private static final long KEY = 0x534c4152554c4553L;

    private final JdbcTemplate jdbc;

    RulesLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Held until the transaction ends; cheap and re-entrant. */
    public void shared() {
        jdbc.query("SELECT pg_advisory_xact_lock_shared(?)", rs -> null, KEY);
    }

    public void exclusive() {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, KEY);
    }
}
