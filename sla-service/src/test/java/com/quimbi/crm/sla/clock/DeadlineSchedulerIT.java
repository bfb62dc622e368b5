package com.quimbi.crm.sla.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.sla.policy.Metric;
import com.quimbi.crm.sla.policy.PolicyRequest;
import com.quimbi.crm.sla.policy.PolicyService;
import com.quimbi.crm.sla.policy.SlaPolicy;
import com.quimbi.crm.sla.policy.TicketAttributes;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * Deadlines are acted on at their moment, once, however many schedulers run: the application's own scheduler
 * runs three threads here, and some tests add "instances" of their own next to it.
 */
@SpringBootTest
@DirtiesContext
class DeadlineSchedulerIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.sla.scheduler.poll-interval", () -> "200ms");
        registry.add("crm.sla.scheduler.threads", () -> "3");
    }

    @Autowired
    SlaClockService clocks;
    @Autowired
    PolicyService policies;
    @Autowired
    com.quimbi.crm.sla.calendar.CalendarService calendars;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    SlaEngineMetrics engineMetrics;

    static boolean policyCreated;

    void fastPolicy() {
        synchronized (DeadlineSchedulerIT.class) {
            if (!policyCreated) {
                // before the defaults: tickets tagged "fast-sla" get a 2-second first-reply target, warning at 50 %
                policies.create(new PolicyRequest("Fast (test)", 1, true,
                        new SlaPolicy.Conditions(List.of(), List.of(), List.of(), List.of(), List.of("fast-sla")),
                        List.of(new PolicyRequest.TargetRequest(Metric.FIRST_RESPONSE, Duration.ofSeconds(2), false, null)),
                        List.of(50)));
                policyCreated = true;
            }
        }
    }

    static boolean burstPolicyCreated;

    void burstPolicy() {
        synchronized (DeadlineSchedulerIT.class) {
            if (!burstPolicyCreated) {
                // tickets tagged "burst-sla": first reply and resolution in 1 hour (24/7), warning at 50 %
                policies.create(new PolicyRequest("Burst (test)", 2, true,
                        new SlaPolicy.Conditions(List.of(), List.of(), List.of(), List.of(), List.of("burst-sla")),
                        List.of(new PolicyRequest.TargetRequest(Metric.FIRST_RESPONSE, Duration.ofHours(1), false, null),
                                new PolicyRequest.TargetRequest(Metric.RESOLUTION, Duration.ofHours(1), false, null)),
                        List.of(50)));
                burstPolicyCreated = true;
            }
        }
    }

    static TicketAttributes fast() {
        return new TicketAttributes("normal", "chat", null, null, List.of("fast-sla"));
    }

    long count(UUID ticket, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregateid = ? AND type = ?", Long.class,
                ticket.toString(), type);
    }

    @Test
    void aClockDueInTwoSecondsGetsExactlyOneBreachSoonAfterItsDeadline() {
        fastPolicy();
        UUID ticket = UUID.randomUUID();
        Instant created = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // Postgres keeps microseconds
        clocks.ticketCreated(ticket, "#10", "new", fast(), created, UUID.randomUUID());
        Instant deadline = created.plusSeconds(2);
        assertThat(count(ticket, "sla.breached")).isZero();
        double breachesBefore = breachesCounted();

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> count(ticket, "sla.breached") == 1);
        // the engine's own numbers: the breach counted once it committed, nothing left due once it is handled
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> breachesCounted() > breachesBefore);
        assertThat(meters.get("crm_sla_checks_processed").counter().count()).isPositive();
        Map<String, Object> breach = jdbc.queryForMap("""
                SELECT payload::text AS payload, occurredat FROM outbox WHERE aggregateid = ? AND type = 'sla.breached'""",
                ticket.toString());
        Instant published = ((java.sql.Timestamp) breach.get("occurredat")).toInstant();
        assertThat(published).isAfterOrEqualTo(deadline).isBefore(deadline.plusMillis(2000));
        EventContracts.assertValid((String) breach.get("payload"));
        assertThat((String) breach.get("payload")).contains("\"deadline\": \"" + deadline + "\"");
        assertThat(count(ticket, "sla.warning")).isLessThanOrEqualTo(1); // none if the edit came after 50 % of 2 s

        // nothing more is published for it later
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> count(ticket, "sla.breached") == 1 && count(ticket, "sla.warning") == 1);
        assertThat(jdbc.queryForObject("SELECT next_check_at IS NULL FROM sla_clock WHERE ticket_id = ?", Boolean.class, ticket)).isTrue();
        engineMetrics.measure();
        assertThat(meters.get("crm_sla_checks_oldest_due_seconds").gauge().value()).isLessThan(2.0);
    }

    double breachesCounted() {
        return meters.find("crm_sla_breaches").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void severalSchedulersNeverPublishTwice() throws Exception {
        fastPolicy();
        List<UUID> tickets = new ArrayList<>();
        Instant created = Instant.now();
        for (int i = 0; i < 30; i++) {
            UUID ticket = UUID.randomUUID();
            clocks.ticketCreated(ticket, "#" + (100 + i), "new", fast(), created, UUID.randomUUID());
            tickets.add(ticket);
        }
        // two more "instances" hammer the same table next to the application's own scheduler threads
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> workers = new ArrayList<>();
        Instant stop = created.plusSeconds(5);
        for (int w = 0; w < 2; w++) {
            workers.add(pool.submit(() -> {
                while (Instant.now().isBefore(stop)) {
                    clocks.publishNextDue();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        for (UUID ticket : tickets) {
            assertThat(count(ticket, "sla.breached")).as("breaches of %s", ticket).isEqualTo(1);
            assertThat(count(ticket, "sla.warning")).as("warnings of %s", ticket).isEqualTo(1);
        }
    }

    @Test
    void aTicketThatCannotBeHandledHoldsUpNoOtherDeadline() {
        fastPolicy();
        UUID broken = UUID.randomUUID();
        UUID healthy = UUID.randomUUID();
        Instant created = Instant.now();
        clocks.ticketCreated(broken, "#200", "new", fast(), created, UUID.randomUUID());
        // a history row this version cannot read: recomputing the ticket throws
        jdbc.update("INSERT INTO sla_ticket_event (ticket_id, kind, at) VALUES (?, 'FROM_THE_FUTURE', now())", broken);
        clocks.ticketCreated(healthy, "#201", "new", fast(), created, UUID.randomUUID());

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count(healthy, "sla.breached") == 1);
        assertThat(count(broken, "sla.breached")).isZero();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT min(next_check_at) > now() + interval '30 seconds' FROM sla_clock WHERE ticket_id = ?", Boolean.class, broken));
    }

    @Test
    void aBurstOfDeadlinesAtOneInstantIsPublishedOnTimeOncePerClock() {
        burstPolicy();
        // 50 tickets whose first-reply and resolution deadlines (two clocks each) fall on the same instant, a few
        // seconds ahead; created an hour before it, so their 50 % warnings went out on creation
        Instant deadline = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        Instant created = deadline.minus(Duration.ofHours(1));
        List<UUID> tickets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID ticket = UUID.randomUUID();
            clocks.ticketCreated(ticket, "#" + (300 + i), "new", burst(), created, UUID.randomUUID());
            tickets.add(ticket);
        }
        assertThat(Instant.now()).as("the tickets were set up before their deadline").isBefore(deadline);
        assertThat(breaches(tickets)).isZero();

        // when each breach became visible (committed), as seen from here
        Map<String, Instant> seen = new java.util.concurrent.ConcurrentHashMap<>();
        String[] ids = tickets.stream().map(UUID::toString).toArray(String[]::new);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Instant now = Instant.now();
            jdbc.queryForList("SELECT id::text FROM outbox WHERE type = 'sla.breached' AND aggregateid = ANY (?)",
                    String.class, (Object) ids).forEach(id -> seen.putIfAbsent(id, now));
            return seen.size() >= 100;
        });
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT id::text AS id, aggregateid, payload->'data'->>'metric' AS metric,
                  payload->'data'->>'breachedAt' AS breached_at, payload->'data'->>'deadline' AS deadline
                FROM outbox WHERE type = 'sla.breached' AND aggregateid = ANY (?)""", (Object) ids);
        assertThat(rows).hasSize(100);
        for (Map<String, Object> row : rows) {
            Instant breachedAt = Instant.parse((String) row.get("breached_at"));
            assertThat(Instant.parse((String) row.get("deadline"))).isEqualTo(deadline);
            assertThat(breachedAt).as("breachedAt of %s", row).isAfterOrEqualTo(deadline).isBefore(deadline.plusSeconds(1));
            assertThat(seen.get((String) row.get("id"))).as("visible at").isBefore(deadline.plusSeconds(2));
        }
        // each ticket was recomputed at its own moment (one transaction per ticket, not one "now" per batch)
        assertThat(rows.stream().map(r -> r.get("breached_at")).distinct().count()).isGreaterThan(40);
        for (UUID ticket : tickets) {
            assertThat(rows.stream().filter(r -> r.get("aggregateid").equals(ticket.toString()))
                    .map(r -> (String) r.get("metric"))).as("breaches of %s", ticket)
                    .containsExactlyInAnyOrder("first_response", "resolution");
            assertThat(count(ticket, "sla.warning")).as("warnings of %s", ticket).isEqualTo(2);
        }
        // and nothing is published for them again
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> breaches(tickets) == 100);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM sla_clock WHERE ticket_id::text = ANY (?) AND next_check_at IS NOT NULL""",
                Long.class, (Object) ids)).isZero();
    }

    @Test
    void aTicketWithSeveralDueClocksIsHandledOnceForAll() {
        burstPolicy();
        UUID ticket = UUID.randomUUID();
        // both clocks are due as soon as it is stored: the consumer's own transaction publishes them
        clocks.ticketCreated(ticket, "#400", "new", burst(), Instant.now().minus(Duration.ofHours(2)), UUID.randomUUID());
        assertThat(count(ticket, "sla.breached")).isEqualTo(2);
        // both clocks due again (as after a crash between writing a clock and its next check): the scheduler looks
        // at the ticket, clears both checks and publishes nothing twice
        jdbc.update("UPDATE sla_clock SET next_check_at = now() - interval '1 second' WHERE ticket_id = ?", ticket);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM sla_clock WHERE ticket_id = ? AND next_check_at IS NOT NULL", Long.class, ticket) == 0);
        assertThat(count(ticket, "sla.breached")).isEqualTo(2);
    }

    long breaches(List<UUID> tickets) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE type = 'sla.breached' AND aggregateid = ANY (?)",
                Long.class, (Object) tickets.stream().map(UUID::toString).toArray(String[]::new));
    }

    static TicketAttributes burst() {
        return new TicketAttributes("normal", "chat", null, null, List.of("burst-sla"));
    }

    @Test
    void aPolicyEditReachesAnOpenTicketsClockWithoutAnyTicketEvent() {
        SlaPolicy.Conditions edited = new SlaPolicy.Conditions(List.of(), List.of(), List.of(), List.of(), List.of("edit-sla"));
        SlaPolicy policy = policies.create(new PolicyRequest("Edited (test)", 3, true, edited,
                List.of(new PolicyRequest.TargetRequest(Metric.FIRST_RESPONSE, Duration.ofHours(4), false, null)), List.of(50)));
        UUID ticket = UUID.randomUUID();
        Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
        clocks.ticketCreated(ticket, "#300", "new", new TicketAttributes("normal", "chat", null, null, List.of("edit-sla")),
                created, UUID.randomUUID());
        Map<String, Object> before = jdbc.queryForMap(
                "SELECT target_seconds, deadline FROM sla_clock WHERE ticket_id = ? AND metric = 'first_response'", ticket);
        assertThat(before.get("target_seconds")).isEqualTo(4 * 3600L);
        long historyBefore = jdbc.queryForObject("SELECT count(*) FROM sla_ticket_event WHERE ticket_id = ?", Long.class, ticket);

        // the admin tightens the target to 2 seconds; nothing happens to the ticket itself
        Instant edit = Instant.now();
        policies.update(policy.id(), new PolicyRequest("Edited (test)", 3, true, edited,
                List.of(new PolicyRequest.TargetRequest(Metric.FIRST_RESPONSE, Duration.ofSeconds(2), false, null)), List.of(50)));

        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> count(ticket, "sla.breached") == 1);
        Map<String, Object> after = jdbc.queryForMap("""
                SELECT target_seconds, deadline, breached_at, policy_id FROM sla_clock
                WHERE ticket_id = ? AND metric = 'first_response'""", ticket);
        assertThat(after.get("target_seconds")).isEqualTo(2L);
        assertThat(after.get("policy_id")).isEqualTo(policy.id());
        // as if the new target had applied from the start: creation + 2 s
        assertThat(((java.sql.Timestamp) after.get("deadline")).toInstant()).isEqualTo(created.plusSeconds(2));
        Instant due = edit.isAfter(created.plusSeconds(2)) ? edit : created.plusSeconds(2);
        assertThat(((java.sql.Timestamp) after.get("breached_at")).toInstant()).isBefore(due.plusSeconds(2));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sla_ticket_event WHERE ticket_id = ?", Long.class, ticket))
                .isEqualTo(historyBefore);
        jdbc.queryForList("SELECT payload::text AS p FROM outbox WHERE aggregateid = ?", String.class, ticket.toString())
                .forEach(EventContracts::assertValid);

        // a further edit recomputes the ticket again but publishes nothing twice
        policies.update(policy.id(), new PolicyRequest("Edited (test)", 3, true, edited,
                List.of(new PolicyRequest.TargetRequest(Metric.FIRST_RESPONSE, Duration.ofSeconds(1), false, null)), List.of(50)));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT target_seconds FROM sla_clock WHERE ticket_id = ? AND metric = 'first_response'", Long.class, ticket) == 1L);
        assertThat(count(ticket, "sla.breached")).isEqualTo(1);
        assertThat(count(ticket, "sla.warning")).isLessThanOrEqualTo(1); // none if the edit came after 50 % of 2 s
    }

    @Test
    void aCalendarEditReachesTheOpenClocksMeasuredInIt() {
        // every hour of every day is working time, but today and tomorrow (UTC) are holidays: a 2-second business
        // target started now is due the day after tomorrow
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Map<String, List<com.quimbi.crm.sla.calendar.SlaCalendar.Hours>> always = new java.util.LinkedHashMap<>();
        com.quimbi.crm.sla.calendar.SlaCalendar.DAYS.forEach(d -> always.put(d,
                List.of(new com.quimbi.crm.sla.calendar.SlaCalendar.Hours("00:00", "24:00"))));
        var calendar = calendars.create(new com.quimbi.crm.sla.calendar.CalendarRequest("Always (test)", "UTC", always,
                List.of(new com.quimbi.crm.sla.calendar.SlaCalendar.Holiday(today, "today"),
                        new com.quimbi.crm.sla.calendar.SlaCalendar.Holiday(today.plusDays(1), "tomorrow"))));
        policies.create(new PolicyRequest("Calendar (test)", 4, true,
                new SlaPolicy.Conditions(List.of(), List.of(), List.of(), List.of(), List.of("calendar-sla")),
                List.of(new PolicyRequest.TargetRequest(Metric.FIRST_RESPONSE, Duration.ofSeconds(2), true, calendar.id())),
                List.of(50)));
        UUID ticket = UUID.randomUUID();
        Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
        clocks.ticketCreated(ticket, "#301", "new", new TicketAttributes("normal", "chat", null, null,
                List.of("calendar-sla")), created, UUID.randomUUID());
        Instant farDeadline = jdbc.queryForObject(
                "SELECT deadline FROM sla_clock WHERE ticket_id = ? AND metric = 'first_response'", java.sql.Timestamp.class,
                ticket).toInstant();
        assertThat(farDeadline).isAfter(created.plus(Duration.ofHours(24)));

        // the holidays are taken out: the clock counts from creation, and breaches without any ticket event
        calendars.update(calendar.id(), new com.quimbi.crm.sla.calendar.CalendarRequest("Always (test)", "UTC", always,
                List.of()));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> count(ticket, "sla.breached") == 1);
        assertThat(jdbc.queryForObject("SELECT deadline FROM sla_clock WHERE ticket_id = ? AND metric = 'first_response'",
                java.sql.Timestamp.class, ticket).toInstant()).isEqualTo(created.plusSeconds(2));
    }
}
