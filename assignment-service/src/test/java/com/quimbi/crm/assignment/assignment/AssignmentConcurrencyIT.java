package com.quimbi.crm.assignment.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.assignment.ReadModels;
import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * Parallel requests against the real database: each test starts its threads together behind a latch. Each
 * thread is what a second instance of the service would be (its own transaction, its own connection).
 */
@SpringBootTest(properties = "spring.datasource.hikari.maximum-pool-size=20")
@DirtiesContext
class AssignmentConcurrencyIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.assignment.offline-check-interval", () -> "1h");
        registry.add("spring.kafka.listener.auto-startup", () -> "false");
    }

    @Autowired
    AssignmentService assignments;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyTeam() {
        // each test brings its own agents: earlier ones go offline
        jdbc.update("UPDATE agent_profile SET status = 'offline'");
    }

    <T> List<Future<T>> together(List<Callable<T>> tasks) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                go.await();
                return task.call();
            }));
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        return futures;
    }

    int activeAssignments(UUID agent) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM ticket_assignment WHERE agent_id = ? AND status IN ('assigned', 'accepted', 'in_progress')""",
                Integer.class, agent);
    }

    @Test
    void twoInstancesAutoAssigningOneTicketAssignItOnce() throws Exception {
        ReadModels.agent(jdbc, "online", 5);
        ReadModels.agent(jdbc, "online", 5);
        UUID ticket = ReadModels.ticket(jdbc, "new", "urgent");

        List<Callable<UUID>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> assignments.autoAssign(ticket).assignment().id());
        }
        List<UUID> ids = new ArrayList<>();
        for (Future<UUID> f : together(tasks)) {
            ids.add(f.get());
        }

        assertThat(ids).hasSize(8).containsOnly(ids.getFirst());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket_assignment WHERE ticket_id = ?", Integer.class, ticket))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregateid = ?", Integer.class, ticket.toString()))
                .isEqualTo(1);
    }

    @Test
    void ticketsArrivingTogetherNeverPushAnAgentPastCapacity() throws Exception {
        UUID agent = ReadModels.agent(jdbc, "online", 2);
        List<UUID> tickets = new ArrayList<>();
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID ticket = ReadModels.ticket(jdbc, "new", "normal");
            tickets.add(ticket);
            tasks.add(() -> assignments.autoAssign(ticket).assignment() != null);
        }
        int assigned = 0;
        for (Future<Boolean> f : together(tasks)) {
            assigned += f.get() ? 1 : 0;
        }

        assertThat(assigned).isEqualTo(2);
        assertThat(activeAssignments(agent)).isEqualTo(2);
        List<String> reasons = jdbc.queryForList("SELECT waiting_reason FROM ticket WHERE waiting_since IS NOT NULL AND id IN ("
                + String.join(",", tickets.stream().map(t -> "'" + t + "'").toList()) + ")", String.class);
        assertThat(reasons).hasSize(8).allMatch(r -> r.contains("at capacity"));
    }

    @Test
    void parallelManualAssignmentsRespectCapacityToo() throws Exception {
        UUID agent = ReadModels.agent(jdbc, "online", 2);
        Caller supervisor = new Caller(UUID.randomUUID().toString(), true);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID ticket = ReadModels.ticket(jdbc, "open", "normal");
            tasks.add(() -> {
                try {
                    assignments.assign(ticket, agent, false, null, supervisor);
                    return "assigned";
                } catch (ConflictException e) {
                    return "refused";
                }
            });
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : together(tasks)) {
            outcomes.add(f.get());
        }
        assertThat(outcomes).filteredOn("assigned"::equals).hasSize(2);
        assertThat(outcomes).filteredOn("refused"::equals).hasSize(4);
        assertThat(activeAssignments(agent)).isEqualTo(2);
    }

    @Test
    void aBurstOnARealTeamFillsEveryoneExactlyToCapacity() throws Exception {
        Map<UUID, Integer> team = Map.of(
                ReadModels.agent(jdbc, "online", 4, "lead", new String[] { "billing" }, new String[] { "en", "es" }), 4,
                ReadModels.agent(jdbc, "online", 3, "senior", new String[] { "technical" }, new String[] { "en" }), 3,
                ReadModels.agent(jdbc, "online", 3, "junior", new String[] { "shipping" }, new String[] { "en", "de" }), 3,
                ReadModels.agent(jdbc, "online", 2, "junior", new String[] {}, new String[] { "pt" }), 2);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            UUID ticket = ReadModels.ticket(jdbc, "new", i % 4 == 0 ? "urgent" : "normal");
            tasks.add(() -> assignments.autoAssign(ticket).assignment() != null);
        }
        int assigned = 0;
        for (Future<Boolean> f : together(tasks)) {
            assigned += f.get() ? 1 : 0;
        }
        assertThat(assigned).isEqualTo(12);
        team.forEach((agent, capacity) -> assertThat(activeAssignments(agent)).isEqualTo(capacity));
    }
}
