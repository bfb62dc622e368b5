package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real process killed with SIGKILL comes back by itself, on its port, and a crash loop backs off. */
class ServiceSupervisorIT {

    private static final Path DIR = Path.of("target", "it", "supervisor").toAbsolutePath();
    private static Path jar;

    @BeforeAll
    static void jar() throws IOException {
        jar = ServiceProcessIT.fakeServiceJar(DIR);
    }

    /** One fake service, restarted on the port it first got. */
    static final class OneService implements ServiceSupervisor.Supervised {
        volatile ServiceProcess process;
        final int port;

        OneService() {
            process = ServiceProcess.start("fake", jar, 0, Map.of(), DIR.resolve("fake.log"), Duration.ofSeconds(30));
            port = process.port();
        }

        @Override
        public Set<String> supervisedNames() {
            return Set.of("fake");
        }

        @Override
        public boolean isAlive(String name) {
            return process.isAlive();
        }

        @Override
        public String restart(String name) {
            process.close();
            process = ServiceProcess.start("fake", jar, port, Map.of(), DIR.resolve("fake.log"), Duration.ofSeconds(30));
            return "pid " + process.pid() + ", " + process.baseUrl();
        }
    }

    @Test
    void aKilledServiceIsStartedAgainOnItsPortAndTheRestartIsLogged() {
        OneService stack = new OneService();
        List<String> log = new CopyOnWriteArrayList<>();
        try (ServiceSupervisor supervisor = new ServiceSupervisor(stack, log::add).start()) {
            long first = stack.process.pid();
            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stack.process.pid() != first
                    && stack.process.isAlive() && Http.status(stack.process.baseUrl() + "/actuator/health/readiness") == 200);
            assertThat(stack.process.port()).isEqualTo(stack.port);
            assertThat(log).anySatisfy(line -> assertThat(line).contains("fake exited; restarting it in 1 s (restart 1)"));
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> log.stream().anyMatch(line -> line.contains("fake is back")));
        } finally {
            stack.process.close();
        }
    }

    @Test
    void aServiceThatKeepsDyingWaitsLongerEachTimeAndTheFirstWaitAgainOnceStable() {
        Instant t0 = Instant.parse("2026-12-07T08:00:00Z");
        ServiceSupervisor.Backoff first = ServiceSupervisor.nextBackoff(null, t0);
        assertThat(first.next()).isEqualTo(Duration.ofSeconds(1));
        ServiceSupervisor.Backoff upAgain = new ServiceSupervisor.Backoff(first.restarts(), first.next(), t0.plusSeconds(2));
        ServiceSupervisor.Backoff second = ServiceSupervisor.nextBackoff(upAgain, t0.plusSeconds(10));
        assertThat(second.next()).isEqualTo(Duration.ofSeconds(2));
        ServiceSupervisor.Backoff b = second;
        for (int i = 0; i < 10; i++) {
            b = ServiceSupervisor.nextBackoff(new ServiceSupervisor.Backoff(b.restarts(), b.next(), t0.plusSeconds(20)),
                    t0.plusSeconds(25));
        }
        assertThat(b.next()).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.restarts()).isEqualTo(12);
        // up for more than a minute: a new crash is a new story
        ServiceSupervisor.Backoff stable = ServiceSupervisor.nextBackoff(
                new ServiceSupervisor.Backoff(b.restarts(), b.next(), t0.plusSeconds(20)), t0.plusSeconds(200));
        assertThat(stable.next()).isEqualTo(Duration.ofSeconds(1));
    }
}
