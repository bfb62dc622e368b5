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
        }

        assertThat(registered).allMatch(e -> e.process().isEmpty());
        assertThat(new PidRegistry(BASE.resolve("pids")).entries()).isEmpty();
        assertThat(BASE.resolve("data")).doesNotExist();
        assertThat(progress).anyMatch(line -> line.contains("stack ready in"));
    }
}
