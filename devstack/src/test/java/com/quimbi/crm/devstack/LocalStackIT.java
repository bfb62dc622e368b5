package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** The orchestration behind ./crm up, infrastructure only (the services' jars are other modules'). */
class LocalStackIT {

    private static final Path BASE = Path.of("target", "it", "local-stack").toAbsolutePath();

    @Test
    void startsTheInfrastructureOnFreePortsAndStopsEveryProcessItStarted() throws Exception {
        List<String> progress = new ArrayList<>();
        LocalStackSettings settings = LocalStackSettings.forTests(BASE).toBuilder()
                .services(List.of())
                .progress(line -> {
                    progress.add(line);
                    System.out.println(line);
                })
                .build();

        List<PidRegistry.Entry> registered;
        try (LocalStack stack = LocalStack.start(settings)) {
            assertThat(stack.endpoints()).containsOnlyKeys("keycloak", "keycloak-admin", "kafka", "kafka-connect", "mail", "postgres",
                    "redis");
            assertThat(stack.endpoints().values()).noneMatch(url -> url.contains(":" + LocalStackSettings.DEFAULT_PORTS.get("kafka")));
            assertThat(stack.keycloak().accessToken("alex.agent", "alex-demo-pass")).isNotBlank();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(Services.TOPICS);
            }
            assertThat(Http.status(stack.connect().restUrl() + "/connector-plugins")).isEqualTo(200);

            registered = new PidRegistry(BASE.resolve("pids")).entries();
            assertThat(registered).extracting(PidRegistry.Entry::name)
                    .containsExactlyInAnyOrder("postgres", "redis", "kafka", "kafka-connect", "keycloak");
            assertThat(registered).allMatch(e -> e.process().isPresent());

            // a crashed server comes back by itself, on its port, with its data (although this stack's data is
            // deleted when it stops)
            superuser(stack, "CREATE TABLE drill (id int); INSERT INTO drill VALUES (42)");
            // the local Postgres commits without waiting for the disk (synchronous_commit=off, ADR 0002): a commit
            // is durable once the WAL writer flushed it, within milliseconds; a SIGKILL before that loses it
            superuser(stack, "CHECKPOINT");
            List<String> supervision = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (ServiceSupervisor supervisor = new ServiceSupervisor(stack, supervision::add).start()) {
                long postgres = stack.postgres().pid();
                long redis = stack.redis().pid();
                ProcessHandle.of(postgres).orElseThrow().destroyForcibly();
                ProcessHandle.of(redis).orElseThrow().destroyForcibly();
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).until(() ->
                        supervision.stream().anyMatch(l -> l.startsWith("devstack: postgres is back"))
                                && supervision.stream().anyMatch(l -> l.startsWith("devstack: redis is back")));
                assertThat(stack.postgres().pid()).isNotEqualTo(postgres);
                assertThat(stack.redis().pid()).isNotEqualTo(redis);
                assertThat(superuser(stack, "SELECT id FROM drill")).isEqualTo(42);
                assertThat(supervision).anyMatch(l -> l.equals("devstack: postgres exited; restarting it in 1 s (restart 1)"));
                assertThat(new PidRegistry(BASE.resolve("pids")).process("redis")).map(ProcessHandle::pid)
                        .contains(stack.redis().pid());
            }
        }

        assertThat(registered).allMatch(e -> e.process().isEmpty());
        assertThat(new PidRegistry(BASE.resolve("pids")).entries()).isEmpty();
        assertThat(BASE.resolve("data")).doesNotExist();
        assertThat(progress).anyMatch(line -> line.contains("stack ready in"));
    }

    /** Runs {@code sql} as the superuser; the first column of the last result, or -1. */
    private static long superuser(LocalStack stack, String sql) throws Exception {
        PostgresServer postgres = stack.postgres();
        try (var c = java.sql.DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.superUser(), postgres.superPassword());
             var s = c.createStatement()) {
            if (s.execute(sql)) {
                try (var rs = s.getResultSet()) {
                    return rs.next() ? rs.getLong(1) : -1;
                }
            }
            return -1;
        }
    }
}
