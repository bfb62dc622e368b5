package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.devstack.LifecycleAudit;
import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.ServiceSupervisor;
import com.quimbi.crm.devstack.TicketLifecycles;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

/**
 * Faults that lose nothing (issue #20), the short deterministic version of {@code ./crm chaos}: the full ticket
 * lifecycle ({@link TicketLifecycles}: create and reply with Idempotency-Keys, solve, each retried while the answer is
 * "not now" or missing) runs through the gateway at a steady rate while ticket-service is killed with SIGKILL and,
 * once the supervisor has it back, the Kafka broker is restarted. Then {@link LifecycleAudit}: every accepted create
 * made exactly one ticket; every consumer of {@code crm.ticket.events} has every one of the tickets' events in its
 * inbox (nothing lost) and the effects that would show a second application once per ticket; nothing was parked on a
 * dead-letter topic.
 * <p>
 * On the module's shared stack (a stack of its own would cost minutes to start). It leaves the stack as it found it:
 * the supervisor it starts has both back before the load ends, and stops with the test.
 */
class ChaosIT {

    /** One lifecycle every 500 ms: 6 gateway calls/s, under the e2e gateway's 10/s per user. */
    private static final Duration PACE = Duration.ofMillis(500);

    @Test
    void aKilledServiceAndARestartedBrokerDuringLoadLoseNothingAndApplyNothingTwice() throws Exception {
        LocalStack stack = E2eStack.get();
        Instant begin = Instant.now();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        // an agent of its own: its own rate-limit bucket, and its analytics counters are this run's alone
        String username = "chaos-" + run;
        Api.Reply agent = AuthorizationMatrixIT.notLimited(() -> admin.post("/api/agents", """
                {"email":"%s@example.com","username":"%s","firstName":"Cay","lastName":"Chaos","role":"agent",
                 "maxConcurrentTickets":5,"initialPassword":"chaos-pass-12345","temporaryPassword":false}"""
                .formatted(username, username)));
        assertThat(agent.status()).as(agent.toString()).isEqualTo(201);
        String agentId = agent.json().path("id").asString();
        String token = AuthorizationMatrixIT.login(username, "chaos-pass-12345");

        List<String> log = new CopyOnWriteArrayList<>();
        try (ServiceSupervisor supervisor = new ServiceSupervisor(stack, log::add).start();
             TicketLifecycles lifecycles = new TicketLifecycles(stack.serviceUrl("gateway"), () -> token, run, Duration.ofMinutes(3))) {
            lifecycles.start(PACE);
            pause(Duration.ofSeconds(4));
            long ticketService = stack.service("ticket-service").pid();
            ProcessHandle.of(ticketService).orElseThrow().destroyForcibly();
            awaitBack(stack, "ticket-service", ticketService, () -> stack.service("ticket-service").pid(), log);
            pause(Duration.ofSeconds(3));
            long broker = stack.kafka().pid();
            ProcessHandle.of(broker).orElseThrow().destroy();
            awaitBack(stack, "kafka", broker, () -> stack.kafka().pid(), log);
            pause(Duration.ofSeconds(4));
            lifecycles.stop();
            lifecycles.awaitAll();
            Instant loadEnded = Instant.now();
            System.out.printf("ChaosIT %s: %d lifecycles, %d creates retried, %d retries in all; supervisor: %s%n", run,
                    lifecycles.sent(), lifecycles.createsRetried(), lifecycles.retries(), log);
            assertThat(lifecycles.failures()).as("lifecycles that failed").isEmpty();
            assertThat(lifecycles.tickets()).as("every create sent was accepted").hasSize(lifecycles.sent());

            Awaitility.await("no loss, no double effect").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(LifecycleAudit.audit(stack.postgres(), stack.kafka().bootstrapServers(), run,
                            lifecycles.ticketIds(), agentId, begin)).allSatisfy(check -> assertThat(check.actual())
                                    .as(check.what()).isEqualTo(check.expected())));
            System.out.printf("ChaosIT %s: load %.0f s, consumers caught up %.0f s later%n", run,
                    Duration.between(begin, loadEnded).toMillis() / 1000.0, Duration.between(loadEnded, Instant.now()).toMillis() / 1000.0);
        }
    }

    /** Until the supervisor has started it again and it serves (a service: readiness; the broker: metadata). */
    private static void awaitBack(LocalStack stack, String name, long oldPid, LongSupplier pid, List<String> log) {
        Awaitility.await(name + " back").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> log.stream().anyMatch(line -> line.contains(name + " is back")) && pid.getAsLong() != oldPid
                        && stack.isAlive(name));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
